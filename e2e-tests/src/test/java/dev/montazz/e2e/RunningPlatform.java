package dev.montazz.e2e;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.montazz.stack.Platform;

/**
 * One platform for the whole test JVM, started the way the README's run command starts it (real Kafka broker,
 * MongoDB-wire server on disk, the four services from their jars) but on free ports and a fresh data folder.
 */
final class RunningPlatform {

    private static Platform platform;

    private RunningPlatform() {
    }

    static synchronized Platform get() throws Exception {
        if (platform == null) {
            Path home = Path.of("..").toAbsolutePath().normalize();
            Path data = Files.createTempDirectory("montazz-e2e-");
            platform = Platform.start(home, data, false, Platform.Jvm.QUICK_START);
            Runtime.getRuntime().addShutdownHook(new Thread(platform::close, "platform-shutdown"));
        }
        return platform;
    }
}
