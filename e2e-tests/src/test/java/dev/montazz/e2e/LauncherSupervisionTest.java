package dev.montazz.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.montazz.stack.Platform;
import dev.montazz.stack.Platform.Service;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The run command's launcher starts a service again when its process dies, and says so on its console. */
class LauncherSupervisionTest {

    private static Platform platform;

    @BeforeAll
    static void start() throws Exception {
        platform = RunningPlatform.get();
    }

    @Test
    void aServiceKilledFromOutsideIsStartedAgainAndTheConsoleSaysSo() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        platform.supervise(new PrintStream(console, true, StandardCharsets.UTF_8));
        try {
            long killed = platform.pid(Service.PORTAL);
            // kill -9 by someone else (the kernel's out-of-memory killer, an operator): not through the launcher.
            ProcessHandle.of(killed).orElseThrow().destroyForcibly();

            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> platform.pid(Service.PORTAL) != killed && ready());
            await().atMost(Duration.ofSeconds(10)).until(() -> console.toString(StandardCharsets.UTF_8)
                    .contains("portal-service is running again"));
            assertThat(console.toString(StandardCharsets.UTF_8))
                    .contains("portal-service stopped (exit code").contains("starting it again in 1 s");
        } finally {
            platform.stopSupervising();
            // The platform is shared with the other end-to-end tests: leave the portal running whatever happened.
            if (!platform.running(Service.PORTAL)) {
                platform.restart(Service.PORTAL);
            }
        }
    }

    private static boolean ready() throws Exception {
        return Http.get(platform.url(Service.PORTAL) + "/actuator/health/readiness", null).statusCode() == 200;
    }
}
