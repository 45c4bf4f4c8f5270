package dev.montazz.contract.montage;

/** How takes in a sequence follow each other: a straight cut, or a short dissolve. */
public enum Transition { CUT, CROSSFADE }
