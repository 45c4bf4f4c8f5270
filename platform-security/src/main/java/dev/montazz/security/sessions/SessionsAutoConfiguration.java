package dev.montazz.security.sessions;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.session.autoconfigure.DefaultCookieSerializerCustomizer;
import org.springframework.boot.session.autoconfigure.SessionTimeout;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.session.config.annotation.web.http.EnableSpringHttpSession;

/**
 * Sessions in MongoDB for a service that names a collection ({@code montazz.sessions.collection}): Spring Session's
 * filter in front of everything, Boot's cookie (name, same-site, secure from {@code server.servlet.session.cookie.*})
 * and timeout ({@code server.servlet.session.timeout}), the store and the sign-in registry of this package.
 */
// Before Boot's session configuration, which registers the filter only once there is one.
@AutoConfiguration(afterName = "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration",
        beforeName = {"org.springframework.boot.session.autoconfigure.SessionAutoConfiguration",
                "dev.montazz.security.MontazzSecurityAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({MongoTemplate.class, EnableSpringHttpSession.class})
@ConditionalOnProperty("montazz.sessions.collection")
@EnableConfigurationProperties(SessionSettings.class)
@EnableSpringHttpSession
public class SessionsAutoConfiguration {

    @Bean
    MongoSessionRepository sessionRepository(MongoTemplate mongo, SessionSettings settings, SessionTimeout timeout,
            Clock clock) {
        // No timeout where no web server runs (MockMvc tests): Spring Session's 30 minutes, as the servlet default.
        java.time.Duration inactive = timeout.getTimeout() != null ? timeout.getTimeout()
                : org.springframework.session.MapSession.DEFAULT_MAX_INACTIVE_INTERVAL;
        return new MongoSessionRepository(mongo, settings, inactive, clock);
    }

    @Bean
    MongoOidcSessionRegistry oidcSessionRegistry(MongoTemplate mongo, SessionSettings settings) {
        return new MongoOidcSessionRegistry(mongo, settings);
    }

    /**
     * The session id as it is, not Base64: Spring Security's back-channel logout replays it as the cookie of the
     * logout request it makes to its own service.
     */
    @Bean
    DefaultCookieSerializerCustomizer plainSessionCookie() {
        return serializer -> serializer.setUseBase64Encoding(false);
    }

    @Bean
    SessionSweeper sessionSweeper(MongoSessionRepository sessions, MongoOidcSessionRegistry signIns,
            SessionSettings settings, Clock clock) {
        return new SessionSweeper(sessions, signIns, settings, clock);
    }

    /** Removes ended sessions and the sign-ins of them, on every instance (a removal is harmless twice). */
    static final class SessionSweeper implements SmartLifecycle {

        private static final Logger log = LoggerFactory.getLogger(SessionSweeper.class);
        private final MongoSessionRepository sessions;
        private final MongoOidcSessionRegistry signIns;
        private final SessionSettings settings;
        private final Clock clock;
        private ScheduledExecutorService timer;

        SessionSweeper(MongoSessionRepository sessions, MongoOidcSessionRegistry signIns, SessionSettings settings,
                Clock clock) {
            this.sessions = sessions;
            this.signIns = signIns;
            this.settings = settings;
            this.clock = clock;
        }

        @Override
        public synchronized void start() {
            timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "session-sweeper");
                thread.setDaemon(true);
                return thread;
            });
            long every = settings.sweepInterval().toMillis();
            timer.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
        }

        void sweep() {
            try {
                sessions.sweep();
                signIns.forgetEnded(sessions, clock.instant());
            } catch (RuntimeException e) {
                log.warn("Ended sessions not swept this time: {}", e.getMessage());
            }
        }

        @Override
        public synchronized void stop() {
            if (timer != null) {
                timer.shutdownNow();
                timer = null;
            }
        }

        @Override
        public synchronized boolean isRunning() {
            return timer != null;
        }
    }
}
