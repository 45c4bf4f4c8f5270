package dev.montazz.stack;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kafka, MongoDB and the four services on one machine. Uses the Kafka and MongoDB named by {@code KAFKA_BOOTSTRAP} and
 * {@code MONGODB_URI} when given, otherwise starts the embedded ones with their data under the data folder.
 */
public final class Platform implements AutoCloseable {

    /** Start order matters: every service signs people in through auth, so it comes first. */
    public enum Service {
        AUTH("auth-service", 9000), INGEST("ingest-service", 8081), MERGE("merge-service", 8082),
        PORTAL("portal-service", 8080);

        final String module;
        final int defaultPort;

        Service(String module, int defaultPort) {
            this.module = module;
            this.defaultPort = defaultPort;
        }
    }

    /**
     * How the services' JVMs are set up. Both cap the heap and use the serial collector: five JVMs share this machine's
     * cores, and a small heap collected by one thread pauses for a few milliseconds without taking a core from the
     * others. {@code MONTAZZ_JVM_OPTIONS} (space separated) replaces either.
     */
    public enum Jvm {
        /** Full just-in-time compilation: slower to start, fastest once warm. For the run command and benchmarks. */
        STEADY(List.of("-Xmx768m", "-XX:+UseSerialGC")),
        /** The quick compiler only: starts sooner and spends less CPU compiling, for test suites. */
        QUICK_START(List.of("-Xmx768m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));

        private final List<String> options;

        Jvm(List<String> options) {
            this.options = options;
        }

        List<String> options() {
            return env("MONTAZZ_JVM_OPTIONS").map(value -> List.of(value.trim().split("\\s+"))).orElse(options);
        }
    }

    private final List<AutoCloseable> resources = new ArrayList<>();
    /** Concurrent: the supervisor's thread replaces a restarted service's process. */
    private final Map<Service, ServiceProcess> services = new ConcurrentHashMap<>();
    private String kafkaBootstrap;
    private int kafkaBrokers = 1;
    private LocalKafka kafka;
    private String mongoUri;
    private LocalMail mail;
    private String adminPassword;
    private ServiceSupervisor supervisor;

    private Platform() {
    }

    /**
     * @param home the repository root (where each service's {@code target/<name>-exec.jar} is)
     * @param dataDir where the embedded Kafka and MongoDB keep their data and the services their logs
     * @param fixedPorts the well-known ports (for people) or free random ones (for tests running beside others)
     */
    public static Platform start(Path home, Path dataDir, boolean fixedPorts) throws Exception {
        return start(home, dataDir, fixedPorts, Jvm.STEADY);
    }

    /** As {@link #start(Path, Path, boolean)}, with the services' JVMs set up for {@code jvm}. */
    public static Platform start(Path home, Path dataDir, boolean fixedPorts, Jvm jvm) throws Exception {
        return start(home, dataDir, fixedPorts, jvm, 1);
    }

    /**
     * As {@link #start(Path, Path, boolean, Jvm)} on a Kafka cluster of this many local brokers (unless
     * {@code KAFKA_BOOTSTRAP} names one), every topic replicated on three of them with two needed for a write.
     */
    public static Platform start(Path home, Path dataDir, boolean fixedPorts, Jvm jvm, int kafkaBrokers)
            throws Exception {
        Platform platform = new Platform();
        platform.kafkaBrokers = kafkaBrokers;
        try {
            platform.startInfrastructure(dataDir, fixedPorts);
            platform.startServices(home, dataDir, fixedPorts, jvm.options());
            return platform;
        } catch (Exception | Error e) {
            platform.close();
            throw e;
        }
    }

    private void startInfrastructure(Path dataDir, boolean fixedPorts) throws IOException {
        Files.createDirectories(dataDir);
        kafkaBootstrap = env("KAFKA_BOOTSTRAP").orElse(null);
        if (kafkaBootstrap == null) {
            if (kafkaBrokers == 1) {
                kafka = LocalKafka.start(dataDir, fixedPorts ? 9092 : freePort(), fixedPorts ? 9093 : freePort());
            } else {
                int[] ports = new int[kafkaBrokers];
                int[] controllers = new int[kafkaBrokers];
                for (int i = 0; i < kafkaBrokers; i++) {
                    ports[i] = freePort();
                    controllers[i] = freePort();
                }
                kafka = LocalKafka.cluster(dataDir, ports, controllers);
            }
            resources.add(kafka);
            kafkaBootstrap = kafka.bootstrapServers();
        }
        // Mail goes to the SMTP server given in the environment, or to one kept here (messages under data/mail).
        if (env("SPRING_MAIL_HOST").isEmpty()) {
            mail = LocalMail.start(dataDir.resolve("mail"), fixedPorts ? 2525 : 0);
            resources.add(mail);
        }
        mongoUri = env("MONGODB_URI").orElse(null);
        if (mongoUri == null) {
            LocalMongo mongo = LocalMongo.onDisk(dataDir.resolve("mongo.mv"), fixedPorts ? 27017 : 0);
            resources.add(mongo);
            mongoUri = mongo.uri("montazz");
        }
    }

    private void startServices(Path home, Path dataDir, boolean fixedPorts, List<String> jvmOptions)
            throws Exception {
        Map<Service, Integer> ports = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            ports.put(service, fixedPorts ? service.defaultPort : freePort());
        }
        Map<String, String> environment = new HashMap<>();
        environment.put("KAFKA_BOOTSTRAP", kafkaBootstrap);
        environment.put("MONGODB_URI", mongoUri);
        if (kafkaBrokers >= 3) {
            environment.put("MONTAZZ_KAFKA_REPLICATIONFACTOR", "3");
            environment.put("MONTAZZ_KAFKA_MININSYNCREPLICAS", "2");
        }
        // Browsers and services reach each other on the same localhost addresses here, so the issuer is one URL.
        environment.put("AUTH_ISSUER", "http://localhost:" + ports.get(Service.AUTH));
        environment.put("PORTAL_URL", "http://localhost:" + ports.get(Service.PORTAL));
        environment.put("INGEST_URL", "http://localhost:" + ports.get(Service.INGEST));
        environment.put("MONTAZZ_ADMIN_PASSWORD", adminPassword = AdminPassword.of(dataDir));
        if (mail != null) {
            environment.put("SPRING_MAIL_HOST", mail.host());
            environment.put("SPRING_MAIL_PORT", String.valueOf(mail.port()));
        }
        // auth first and alone: the others send people to it as soon as they serve a page.
        start(Service.AUTH, home, dataDir, ports, jvmOptions, environment).awaitReady(Duration.ofMinutes(3));
        for (Service service : List.of(Service.INGEST, Service.MERGE, Service.PORTAL)) {
            start(service, home, dataDir, ports, jvmOptions, environment);
        }
        for (ServiceProcess process : services.values()) {
            process.awaitReady(Duration.ofMinutes(3));
        }
    }

    private ServiceProcess start(Service service, Path home, Path dataDir, Map<Service, Integer> ports,
            List<String> jvmOptions, Map<String, String> environment) throws IOException {
        Path jar = home.resolve(service.module).resolve("target").resolve(service.module + "-exec.jar");
        ServiceProcess process = ServiceProcess.start(service.module, jar, ports.get(service), jvmOptions,
                environment, dataDir.resolve("logs"));
        services.put(service, process);
        return process;
    }

    private static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(s -> !s.isBlank());
    }

    /** Ports handed out by this JVM: a port is free again the moment its probe closes, and the OS may offer it twice. */
    private static final java.util.Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    /**
     * A port nothing listens on, and that this JVM has not handed out before: all services' ports are chosen before
     * any binds, and two of them once got the same one (auth and merge; merge could not start).
     */
    static int freePort() throws IOException {
        for (;;) {
            try (ServerSocket socket = new ServerSocket(0)) {
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            }
        }
    }

    public String url(Service service) {
        return services.get(service).url();
    }

    /** Kills a service's process at once (no graceful shutdown), for tests of what a crash leaves. */
    public void crash(Service service) throws InterruptedException {
        services.get(service).kill();
    }

    /** Starts a crashed or stopped service again, the same way and on the same port, and waits until it is ready. */
    public void restart(Service service) throws Exception {
        ServiceProcess restarted = services.get(service).restart();
        services.put(service, restarted);
        restarted.awaitReady(Duration.ofMinutes(3));
    }

    /**
     * From now on, a service whose process ends by itself is started again, with growing waits, each step said on
     * {@code console} (the run command does this; tests that crash services on purpose do not).
     */
    public synchronized void supervise(PrintStream console) {
        if (supervisor == null) {
            supervisor = new ServiceSupervisor(this, console);
        }
    }

    /** Ends supervision (before stopping the platform, or after a test of it). */
    public synchronized void stopSupervising() {
        if (supervisor != null) {
            supervisor.close();
            supervisor = null;
        }
    }

    /** Whether the service's process is running (it may still be starting). */
    public boolean running(Service service) {
        return services.get(service).alive();
    }

    ServiceProcess process(Service service) {
        return services.get(service);
    }

    public long pid(Service service) {
        return services.get(service).pid();
    }

    public Path log(Service service) {
        return services.get(service).log();
    }

    /** The SMTP server the services send to, when the platform runs its own; empty when one was given. */
    public Optional<LocalMail> mail() {
        return Optional.ofNullable(mail);
    }

    /** The local brokers, unless {@code KAFKA_BOOTSTRAP} named others. */
    public Optional<LocalKafka> kafka() {
        return Optional.ofNullable(kafka);
    }

    public String kafkaBootstrap() {
        return kafkaBootstrap;
    }

    public String mongoUri() {
        return mongoUri;
    }

    /** The password of the 'admin' account this platform's auth-service creates. */
    public String adminPassword() {
        return adminPassword;
    }

    /** Stops the services first (they flush to Kafka and MongoDB), then the infrastructure. */
    @Override
    public void close() {
        stopSupervising();
        List<ServiceProcess> running = new ArrayList<>(services.values());
        running.parallelStream().forEach(ServiceProcess::close);
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                System.err.println("Could not stop " + resources.get(i) + ": " + e);
            }
        }
    }
}
