package dev.montazz.merge.render;

import java.nio.file.Path;

/** An assembled take ready to be rendered. */
record ShotInput(String takeId, String contributor, Path file) {
}
