package dev.montazz.merge.render;

import java.util.List;

import dev.montazz.contract.render.FilmLayout;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.data.convert.ReadingConverter;
import org.springframework.data.mongodb.core.convert.MongoCustomConversions;

/**
 * Renders stored before the contract module named a film's layout {@code "sequence"}, {@code "sequence-crossfade"} or
 * {@code "grid"}; they read as the {@link FilmLayout} they meant, so a film made then is not taken for another layout
 * (and rendered again) or unreadable.
 */
@Configuration(proxyBeanMethods = false)
class LegacyFilmLayouts {

    @Bean
    MongoCustomConversions mongoCustomConversions() {
        return new MongoCustomConversions(List.of(new Reading()));
    }

    @ReadingConverter
    static final class Reading implements Converter<String, FilmLayout> {

        @Override
        public FilmLayout convert(String stored) {
            return switch (stored) {
                case "sequence" -> FilmLayout.CUT;
                case "sequence-crossfade" -> FilmLayout.CROSSFADE;
                case "grid" -> FilmLayout.GRID;
                default -> FilmLayout.valueOf(stored);
            };
        }
    }
}
