/**
 * Media work with JavaCV (FFmpeg) and Java2D, and nothing else: the film's format, decoding and encoding, a take
 * normalised to the film's format, the title card, joining by packet copy, crossfades, the grid, stills and the facts
 * of a finished file. Files in, files out: no MongoDB, no Kafka, no knowledge of takes or montages beyond the names and
 * paths it is given, so each piece can be tested and benchmarked on its own.
 */
package dev.montazz.merge.media;
