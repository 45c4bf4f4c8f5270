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
    /** The second and further instances of each service, when it runs several behind the proxy. */
    private final Map<Service, List<ServiceProcess>> moreInstances = new ConcurrentHashMap<>();
    /** Where browsers and services reach auth, ingest and portal: the proxy's ports when there is one. */
    private final Map<Service, String> publicUrls = new EnumMap<>(Service.class);
    private int instances = 1;
    private String kafkaBootstrap;
    private int kafkaBrokers = 1;
    private LocalKafka kafka;
    private String mongoUri;
    private LocalMail mail;
    private String adminPassword;
    private ServiceSupervisor supervisor;
    private Map<String, String> settings = Map.of();
    /** Each merge-service's render worker, when it runs as a process of its own. */
    private final List<ServiceProcess> renderWorkers = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * A setting (or, for the run command, an environment variable) that runs each merge-service as two processes: its
     * chunk store, and its render worker at this CPU niceness ({@code nice -n}, 1-19), so that on a machine of few cores
     * the chunk path is never kept waiting by the media work (renders, takes normalised as they are recorded).
     */
    public static final String RENDER_WORKER_NICENESS = "MONTAZZ_LOCAL_RENDER_WORKER_NICENESS";

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
        return start(home, dataDir, fixedPorts, jvm, kafkaBrokers, 1);
    }

    /**
     * As {@link #start(Path, Path, boolean, Jvm, int)} with this many instances of every service; from two on, auth,
     * ingest and portal are reached through a local HAProxy that sends each request to the next instance
     * ({@link LocalProxy}), and {@link #url} is the proxy's.
     */
    public static Platform start(Path home, Path dataDir, boolean fixedPorts, Jvm jvm, int kafkaBrokers,
            int instances) throws Exception {
        return start(home, dataDir, fixedPorts, jvm, kafkaBrokers, instances, Map.of());
    }

    /**
     * As {@link #start(Path, Path, boolean, Jvm, int, int)} with these environment variables set for every service
     * (settings a benchmark compares, such as {@code MONTAZZ_MERGE_RECORDING_MAX_TAKES}).
     */
    public static Platform start(Path home, Path dataDir, boolean fixedPorts, Jvm jvm, int kafkaBrokers,
            int instances, Map<String, String> settings) throws Exception {
        Platform platform = new Platform();
        platform.settings = Map.copyOf(settings);
        platform.kafkaBrokers = kafkaBrokers;
        platform.instances = instances;
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
        Map<Service, List<Integer>> ports = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            List<Integer> each = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                each.add(fixedPorts && instances == 1 ? service.defaultPort : freePort());
            }
            ports.put(service, each);
            publicUrls.put(service, "http://localhost:" + each.get(0));
        }
        if (instances > 1) {
            Map<String, LocalProxy.Frontend> frontends = new java.util.LinkedHashMap<>();
            for (Service service : List.of(Service.AUTH, Service.INGEST, Service.PORTAL)) {
                int port = fixedPorts ? service.defaultPort : freePort();
                frontends.put(service.module, new LocalProxy.Frontend(port, ports.get(service)));
                publicUrls.put(service, "http://localhost:" + port);
            }
            resources.add(LocalProxy.start(dataDir.resolve("proxy"), frontends));
        }
        Map<String, String> environment = new HashMap<>(settings);
        environment.put("KAFKA_BOOTSTRAP", kafkaBootstrap);
        environment.put("MONGODB_URI", mongoUri);
        if (kafkaBrokers >= 3) {
            environment.put("MONTAZZ_KAFKA_REPLICATIONFACTOR", "3");
            environment.put("MONTAZZ_KAFKA_MININSYNCREPLICAS", "2");
        }
        // Browsers and services reach each other on the same localhost addresses here, so the issuer is one URL.
        environment.put("AUTH_ISSUER", publicUrls.get(Service.AUTH));
        environment.put("PORTAL_URL", publicUrls.get(Service.PORTAL));
        environment.put("INGEST_URL", publicUrls.get(Service.INGEST));
        environment.put("MONTAZZ_ADMIN_PASSWORD", adminPassword = AdminPassword.of(dataDir));
        environment.put("MONTAZZ_AUTH_SIGNING_KEY", SigningKeyFile.of(dataDir));
        if (instances > 1) {
            // Behind the proxy every request comes from it: the client's address is the one it adds to
            // X-Forwarded-For, which Tomcat takes from loopback and private addresses only. auth's sign-in throttle
            // counts failures per client address.
            environment.put("SERVER_FORWARDHEADERSSTRATEGY", "native");
        }
        if (mail != null) {
            environment.put("SPRING_MAIL_HOST", mail.host());
            environment.put("SPRING_MAIL_PORT", String.valueOf(mail.port()));
        }
        // auth first and alone: the others send people to it as soon as they serve a page.
        for (int i = 0; i < instances; i++) {
            start(Service.AUTH, i, home, dataDir, ports, jvmOptions, environment).awaitReady(Duration.ofMinutes(3));
        }
        List<ServiceProcess> starting = new ArrayList<>();
        Optional<Integer> niceness = Optional.ofNullable(settings.get(RENDER_WORKER_NICENESS))
                .or(() -> env(RENDER_WORKER_NICENESS)).map(Integer::valueOf);
        for (int i = 0; i < instances; i++) {
            for (Service service : List.of(Service.INGEST, Service.MERGE, Service.PORTAL)) {
                Map<String, String> serviceEnvironment = environment;
                if (service == Service.MERGE && niceness.isPresent()) {
                    serviceEnvironment = new HashMap<>(environment);
                    serviceEnvironment.put("MONTAZZ_MERGE_ROLES_RENDERS", "false");
                    starting.add(startRenderWorker(i, niceness.get(), home, dataDir, jvmOptions, environment));
                }
                starting.add(start(service, i, home, dataDir, ports, jvmOptions, serviceEnvironment));
            }
        }
        for (ServiceProcess process : starting) {
            process.awaitReady(Duration.ofMinutes(3));
        }
    }

    private ServiceProcess start(Service service, int instance, Path home, Path dataDir,
            Map<Service, List<Integer>> ports, List<String> jvmOptions, Map<String, String> environment)
            throws IOException {
        Path jar = home.resolve(service.module).resolve("target").resolve(service.module + "-exec.jar");
        String name = instances == 1 ? service.module : service.module + "-" + (instance + 1);
        // What an instance keeps on its own disk (merge's work and copies, the portal's film copies) apart from others'.
        Map<String, String> own = new java.util.HashMap<>(environment);
        own.put("MONTAZZ_WORK_DIR", dataDir.resolve("work").resolve(name).toString());
        ServiceProcess process = ServiceProcess.start(name, jar, ports.get(service).get(instance), jvmOptions, own,
                dataDir.resolve("logs"));
        if (instance == 0) {
            services.put(service, process);
        } else {
            moreInstances.computeIfAbsent(service, s -> new java.util.concurrent.CopyOnWriteArrayList<>())
                    .add(process);
        }
        return process;
    }

    /** merge-service doing renders only, at a lower CPU priority than everything else. */
    private ServiceProcess startRenderWorker(int instance, int niceness, Path home, Path dataDir,
            List<String> jvmOptions, Map<String, String> environment) throws IOException {
        if (niceness < 1 || niceness > 19) {
            throw new IllegalArgumentException(RENDER_WORKER_NICENESS + " must be 1-19, not " + niceness);
        }
        Path jar = home.resolve(Service.MERGE.module).resolve("target").resolve(Service.MERGE.module + "-exec.jar");
        String name = Service.MERGE.module + "-renders" + (instances == 1 ? "" : "-" + (instance + 1));
        Map<String, String> own = new HashMap<>(environment);
        own.put("MONTAZZ_MERGE_ROLES_CHUNKS", "false");
        own.put("MONTAZZ_WORK_DIR", dataDir.resolve("work").resolve(name).toString());
        ServiceProcess worker = ServiceProcess.start(name, List.of("nice", "-n", String.valueOf(niceness)), jar,
                freePort(), jvmOptions, own, dataDir.resolve("logs"));
        renderWorkers.add(worker);
        return worker;
    }

    /** The operating system's ids of the render workers running as processes of their own; empty when none do. */
    public List<Long> renderWorkerPids() {
        return renderWorkers.stream().map(ServiceProcess::pid).toList();
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

    /** Where people and services reach it: the proxy when several instances run, the one instance otherwise. */
    public String url(Service service) {
        return publicUrls.containsKey(service) && instances > 1 ? publicUrls.get(service)
                : services.get(service).url();
    }

    /** How many instances of each service run. */
    public int instances() {
        return instances;
    }

    /** Kills a service's (first) process at once (no graceful shutdown), for tests of what a crash leaves. */
    public void crash(Service service) throws InterruptedException {
        services.get(service).kill();
    }

    /** Whether the service's second, third… instance ({@code instance} from 1) is running. */
    public boolean running(Service service, int instance) {
        return instance == 0 ? running(service) : moreInstances.get(service).get(instance - 1).alive();
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
        moreInstances.values().forEach(running::addAll);
        running.addAll(renderWorkers);
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
