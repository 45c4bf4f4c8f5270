package dev.montazz.contract.montage;

/**
 * How a take whose shape is not the film's (a phone held upright, a 4:3 webcam) fills the frame, as the owner chose:
 * whole, with black bars beside or above it, or whole in front of a blurred, enlarged copy of itself.
 */
public enum Framing { BARS, BLURRED }
