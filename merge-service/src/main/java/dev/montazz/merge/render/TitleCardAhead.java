package dev.montazz.merge.render;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.montazz.contract.Topics;
import dev.montazz.contract.montage.MontageSettings;
import dev.montazz.contract.take.TakeStored;
import dev.montazz.merge.MergeProperties;
import dev.montazz.merge.montage.MontageLookup;
import dev.montazz.merge.take.Take;
import dev.montazz.merge.take.TakeRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes the title card a montage's film will open with once the take that just began is in it, while that take is
 * recorded, so the render after it finds the card on disk: a new contributor's first take names one more person, and
 * making a card is most of what that render would otherwise add. A guess by the film's own placing rule; a card that
 * turns out otherwise is simply made by the render, as before.
 */
@Component
class TitleCardAhead {

    private static final Logger log = LoggerFactory.getLogger(TitleCardAhead.class);

    private final MongoTemplate mongo;
    private final TakeRegistry takes;
    private final MontageLookup montages;
    private final LayoutTools tools;
    private final MergeProperties properties;
    private final JsonMapper json;

    TitleCardAhead(MongoTemplate mongo, TakeRegistry takes, MontageLookup montages, LayoutTools tools,
            MergeProperties properties, JsonMapper json) {
        this.mongo = mongo;
        this.takes = takes;
        this.montages = montages;
        this.tools = tools;
        this.properties = properties;
        this.json = json;
    }

    @KafkaListener(id = "title-card-ahead", topics = Topics.TAKES_STORED,
            autoStartup = "${montazz.merge.roles.renders}", properties = "auto.offset.reset=latest")
    void onNews(byte[] value) {
        TakeStored news = json.readValue(value, TakeStored.class);
        if (news.sequence() != 0 || news.last()) {
            return;
        }
        try {
            prepare(news);
        } catch (IOException | RuntimeException e) {
            log.info("The title card of montage {} was not made ahead; its render makes it: {}", news.montageId(),
                    e.toString());
        }
    }

    private void prepare(TakeStored news) throws IOException {
        Take begun = mongo.findById(news.takeId(), Take.class);
        if (begun == null) {
            return;
        }
        MontageSettings settings = montages.settingsOf(news.montageId());
        List<Take> recorded = new ArrayList<>(takes.finishedTakes(news.montageId()));
        recorded.add(begun);
        List<Take> film = settings.edit().film(recorded);
        if (film.isEmpty()) {
            return;
        }
        Files.createDirectories(properties.workDir());
        Path dir = Files.createTempDirectory(properties.workDir(), "title-");
        try {
            tools.titleCard(settings.title(), film, dir);
        } finally {
            FileSystemUtils.deleteRecursively(dir);
        }
    }
}
