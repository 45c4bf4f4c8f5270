package dev.montazz.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The one command that runs Montazz on one machine without Docker. Ctrl-C stops everything; data stays under
 * {@code ./data} (or {@code MONTAZZ_DATA}) for the next start.
 */
public final class LocalStack {

    private LocalStack() {
    }

    public static void main(String[] args) throws Exception {
        Path home = findHome();
        Path data = Path.of(System.getenv().getOrDefault("MONTAZZ_DATA", home.resolve("data").toString()));
        System.out.println("Starting Montazz from " + home + " with data in " + data + " ...");
        Platform platform = Platform.start(home, data, true);
        platform.supervise(System.out);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping Montazz ...");
            platform.close();
            stopped.countDown();
        }, "montazz-shutdown"));
        System.out.printf("%nMontazz is up. Open %s and sign up, or sign in as admin / %s%n"
                + "  kafka %s, mongodb %s, logs in %s%n  e-mail sent by Montazz: %s%nPress Ctrl-C to stop.%n",
                platform.url(Platform.Service.PORTAL), platform.adminPassword(), platform.kafkaBootstrap(),
                platform.mongoUri(), data.resolve("logs"), platform.mail().isPresent()
                        ? "kept as .eml files in " + data.resolve("mail") : "to the SMTP server in SPRING_MAIL_HOST");
        stopped.await();
    }

    /** The repository root: MONTAZZ_HOME, or the nearest folder upwards that holds the service modules. */
    static Path findHome() {
        String configured = System.getenv("MONTAZZ_HOME");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("portal-service")) && Files.isDirectory(dir.resolve("local-stack"))) {
                return dir;
            }
        }
        throw new IllegalStateException("Run from the Montazz folder, or set MONTAZZ_HOME to it");
    }
}
