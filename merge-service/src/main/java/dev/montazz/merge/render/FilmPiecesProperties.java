package dev.montazz.merge.render;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Films stored in pieces.
 *
 * @param enabled whether a cut film without music is stored as a new head naming its takes' own media (a new take
 *     then stores a few hundred kilobytes, not the whole film); off, every film is one file, as before
 */
@ConfigurationProperties("montazz.merge.film-pieces")
record FilmPiecesProperties(boolean enabled) {
}
