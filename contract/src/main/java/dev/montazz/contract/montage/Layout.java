package dev.montazz.contract.montage;

/** How a montage lays its takes out, as its owner chose: one after another, or up to nine side by side. */
public enum Layout { SEQUENCE, GRID }
