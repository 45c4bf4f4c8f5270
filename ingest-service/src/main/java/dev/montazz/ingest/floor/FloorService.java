package dev.montazz.ingest.floor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

import dev.montazz.contract.montage.MontageMembership;
import dev.montazz.ingest.montage.MontageDirectory;
import dev.montazz.security.CurrentUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/** Turn-taking for contributors of a montage: join, wait, record, finish, or lose the turn by going silent. */
@Service
public class FloorService {

    private static final Logger log = LoggerFactory.getLogger(FloorService.class);

    private final FloorStore store;
    private final MontageDirectory montages;
    private final FloorProperties properties;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    /**
     * When this instance began hearing holders: nobody's silence is counted from before (see {@link Floor#expire}).
     * Moved to when the service is ready, since a start that takes long (a loaded machine, a slow broker) is still
     * the platform's time, not the holder's.
     */
    private volatile Instant observedSince;
    private final InFlightChunks inFlight = new InFlightChunks();

    FloorService(FloorStore store, MontageDirectory montages, FloorProperties properties,
            ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.montages = montages;
        this.properties = properties;
        this.events = events;
        this.clock = clock;
        this.observedSince = clock.instant();
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        observedSince = clock.instant();
    }

    public FloorView view(String montageId, CurrentUser user) {
        requireContributor(montageId, user);
        return FloorView.of(store.read(montageId), user.username(), clock.instant(), rules(montageId));
    }

    public FloorView join(String montageId, CurrentUser user) {
        FloorRules rules = requireContributor(montageId, user);
        Floor floor = change(montageId, f -> f.expire(clock.instant(), rules)
                .join(user.username(), user.displayName(), clock.instant(), rules));
        return FloorView.of(floor, user.username(), clock.instant(), rules);
    }

    public FloorView leave(String montageId, CurrentUser user) {
        FloorRules rules = requireContributor(montageId, user);
        Floor floor = change(montageId, f -> f.leave(user.username(), clock.instant(), rules));
        return FloorView.of(floor, user.username(), clock.instant(), rules);
    }

    public FloorView finish(String montageId, CurrentUser user, long fence) {
        FloorRules rules = requireContributor(montageId, user);
        Floor floor = change(montageId, f -> f.finish(user.username(), fence, clock.instant(), rules));
        return FloorView.of(floor, user.username(), clock.instant(), rules);
    }

    /**
     * Before a chunk's bytes are read: refuses it ({@link FloorRefusal}) unless it is this holder's next or a re-sent
     * chunk. Writes nothing. Takes the montage the caller already read to check the contributor, so the hot path reads
     * it once; the admission it returns carries the floor as read to {@link #record} and {@link #acknowledge}.
     */
    public ChunkAdmission admit(MontageMembership montage, CurrentUser user, ChunkAdmission.Chunk chunk) {
        FloorRules rules = rules(montage);
        Floor current = store.read(montage.id());
        current.expire(clock.instant(), rules).accept(user.username(), chunk.fence(), chunk.takeId(),
                chunk.sequence(), clock.instant(), rules);
        return new ChunkAdmission(montage.id(), user.username(), chunk, rules, current);
    }

    /**
     * Before the chunk is published: the same check, now recorded (the take's first chunk, a renewed lease), starting
     * from the floor the admission read.
     */
    public ChunkAdmission record(ChunkAdmission admission) {
        ChunkAdmission.Chunk chunk = admission.chunk();
        FloorRules rules = admission.rules();
        Floor recorded = change(admission.montageId(), f -> f.expire(clock.instant(), rules)
                .accept(admission.username(), chunk.fence(), chunk.takeId(), chunk.sequence(), clock.instant(), rules),
                admission.floor());
        return admission.at(recorded);
    }

    /** After merge-service confirmed it stored the chunk: the next new chunk must follow it. */
    public void acknowledge(ChunkAdmission admission, boolean last) {
        ChunkAdmission.Chunk chunk = admission.chunk();
        FloorRules rules = admission.rules();
        change(admission.montageId(), f -> f.acknowledged(admission.username(), chunk.fence(), chunk.sequence(), last,
                clock.instant(), rules), admission.floor());
    }

    /**
     * Marks the admitted chunk as on its way to storage until the returned handle is closed. The holder is not
     * silent while their chunk waits for merge-service (which may be restarting): {@link #keepInFlightTurns} renews
     * their lease meanwhile, so a slow platform never costs them the turn.
     */
    public InFlightChunks.Handle sending(ChunkAdmission admission) {
        return inFlight.add(admission.montageId(), admission.username(), admission.chunk().fence());
    }

    /** The end marker of a cut-off take was stored: it need not be sent again. */
    public void takeEnded(String montageId, Floor.OpenTake ended) {
        store.update(montageId, f -> f.withoutPendingEnd(ended));
    }

    @Scheduled(fixedDelayString = "${montazz.floor.sweep-interval}")
    void keepInFlightTurns() {
        Instant now = clock.instant();
        for (InFlightChunks.Turn turn : inFlight.waitingLongerThan(properties.lease().dividedBy(2), now)) {
            try {
                FloorRules rules = rules(turn.montageId());
                change(turn.montageId(), f -> f.renew(turn.username(), turn.fence(), clock.instant(), rules));
            } catch (RuntimeException e) {
                log.warn("Could not renew the turn of {} in {}: {}", turn.username(), turn.montageId(),
                        e.getMessage());
            }
        }
    }

    /** Takes a deleted account off every floor; returns how many floors it was on. */
    public int removeEverywhere(String username) {
        List<Floor> involving = store.involving(username);
        for (Floor floor : involving) {
            FloorRules rules = rules(floor.montageId());
            change(floor.montageId(), f -> f.withoutPerson(username, clock.instant(), rules));
        }
        return involving.size();
    }

    /** Passes on turns of holders who went silent and ends their takes; any instance may do it, only one wins. */
    @Scheduled(fixedDelayString = "${montazz.floor.sweep-interval}")
    void sweep() {
        for (Floor floor : store.active()) {
            try {
                FloorRules rules = rules(floor.montageId());
                change(floor.montageId(), f -> f.expire(clock.instant(), rules));
            } catch (RuntimeException e) {
                log.warn("Could not sweep the floor of {}: {}", floor.montageId(), e.getMessage());
            }
        }
    }

    private Floor change(String montageId, UnaryOperator<Floor> change) {
        return change(montageId, change, null);
    }

    private Floor change(String montageId, UnaryOperator<Floor> change, Floor recent) {
        AtomicReference<Floor> before = new AtomicReference<>();
        Floor after = store.update(montageId, current -> {
            before.set(current);
            return change.apply(current);
        }, recent);
        Floor.Holder was = before.get().holder();
        if (was != null && (after.holder() == null || after.holder().fence() != was.fence())) {
            log.info("Floor of {}: {} is off the air", montageId, was.displayName());
        }
        if (!after.pendingEnds().isEmpty()) {
            // Ended off this thread (a request's, or the sweeper's): an end marker waits for merge-service.
            events.publishEvent(new TakesCutOff(montageId, after.pendingEnds()));
        }
        events.publishEvent(new FloorChanged(after));
        return after;
    }

    FloorRules rules(String montageId) {
        return montages.find(montageId).map(this::rules).orElse(new FloorRules(properties.lease(),
                properties.countdown(), properties.defaultMaxShot(), observedSince));
    }

    /** The longest shot of this montage, recorded or from a file. */
    public Duration maxShot(MontageMembership montage) {
        return rules(montage).maxShot();
    }

    private FloorRules rules(MontageMembership montage) {
        Integer seconds = montage.maxShotSeconds();
        Duration maxShot = seconds != null && seconds > 0 ? Duration.ofSeconds(seconds) : properties.defaultMaxShot();
        return new FloorRules(properties.lease(), properties.countdown(), maxShot, observedSince);
    }

    private FloorRules requireContributor(String montageId, CurrentUser user) {
        return rules(montages.requireContributor(montageId, user.username()));
    }
}
