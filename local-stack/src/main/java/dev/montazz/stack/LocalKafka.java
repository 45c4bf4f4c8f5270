package dev.montazz.stack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * Real Kafka brokers in KRaft mode (each broker and controller in one), running from the Maven Central jars inside this
 * JVM: one for the local stack, three to try what a cluster does when a broker goes. Log directories survive restarts;
 * they are formatted once, on first start, with one cluster id for all nodes.
 */
public final class LocalKafka implements AutoCloseable {

    /** Largest record the broker accepts; the services size their own limits below it. */
    static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

    private final List<Node> nodes;

    private record Node(int id, int port, KafkaRaftServer server) {
    }

    private LocalKafka(List<Node> nodes) {
        this.nodes = nodes;
    }

    /** One broker, as the local stack runs it. */
    public static LocalKafka start(Path dataDir, int port, int controllerPort) throws IOException {
        return cluster(dataDir, new int[] {port}, new int[] {controllerPort});
    }

    /**
     * As many brokers as ports, each also a controller, in one cluster. With three or more, internal topics and the
     * brokers' defaults keep three copies and need two: one broker may go without losing an acknowledged record.
     */
    public static LocalKafka cluster(Path dataDir, int[] ports, int[] controllerPorts) throws IOException {
        int count = ports.length;
        String voters = java.util.stream.IntStream.range(0, count)
                .mapToObj(i -> (i + 1) + "@127.0.0.1:" + controllerPorts[i]).collect(Collectors.joining(","));
        Path clusterIdFile = dataDir.resolve("kafka-cluster-id");
        Files.createDirectories(dataDir);
        if (!Files.exists(clusterIdFile)) {
            Files.writeString(clusterIdFile, Uuid.randomUuid().toString());
        }
        String clusterId = Files.readString(clusterIdFile).trim();
        List<Node> nodes = new ArrayList<>();
        LocalKafka kafka = new LocalKafka(nodes);
        try {
            List<KafkaConfig> configs = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Path logDir = dataDir.resolve(count == 1 ? "kafka" : "kafka-" + (i + 1));
                Files.createDirectories(logDir);
                Properties props = properties(i + 1, ports[i], controllerPorts[i], voters, logDir, count);
                Path config = dataDir.resolve(count == 1 ? "kafka-server.properties"
                        : "kafka-server-" + (i + 1) + ".properties");
                try (Writer out = Files.newBufferedWriter(config)) {
                    props.store(out, "Written by Montazz local-stack on every start");
                }
                if (!Files.exists(logDir.resolve("meta.properties"))) {
                    format(config, clusterId);
                }
                configs.add(KafkaConfig.fromProps(props, false));
            }
            // Every controller must be up before a quorum forms, so none waits for the others to start.
            for (int i = 0; i < count; i++) {
                KafkaRaftServer server = new KafkaRaftServer(configs.get(i), Time.SYSTEM);
                nodes.add(new Node(i + 1, ports[i], server));
            }
            List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
            List<Thread> starting = nodes.stream().map(node -> started(() -> {
                try {
                    node.server().startup();
                } catch (RuntimeException | Error e) {
                    failures.add(e);
                }
            })).toList();
            for (Thread thread : starting) {
                thread.join();
            }
            if (!failures.isEmpty()) {
                throw new IllegalStateException("A Kafka broker did not start", failures.get(0));
            }
            return kafka;
        } catch (IOException | RuntimeException e) {
            kafka.close();
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kafka.close();
            throw new IOException("Interrupted while the brokers started", e);
        }
    }

    private static Thread started(Runnable work) {
        Thread thread = new Thread(work, "local-kafka");
        thread.start();
        return thread;
    }

    private static Properties properties(int id, int port, int controllerPort, String voters, Path logDir,
            int count) {
        String copies = String.valueOf(Math.min(3, count));
        String needed = String.valueOf(Math.min(2, count));
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(id));
        props.put("controller.quorum.voters", voters);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", logDir.toAbsolutePath().toString());
        props.put("offsets.topic.replication.factor", copies);
        props.put("offsets.topic.num.partitions", "3");
        props.put("transaction.state.log.replication.factor", copies);
        props.put("transaction.state.log.min.isr", needed);
        props.put("share.coordinator.state.topic.replication.factor", copies);
        props.put("share.coordinator.state.topic.min.isr", needed);
        props.put("default.replication.factor", copies);
        props.put("min.insync.replicas", needed);
        props.put("group.initial.rebalance.delay.ms", "0");
        // Topics are declared by the services that own them; a typo must not silently create a new one.
        props.put("auto.create.topics.enable", "false");
        props.put("message.max.bytes", String.valueOf(MAX_MESSAGE_BYTES));
        props.put("replica.fetch.max.bytes", String.valueOf(MAX_MESSAGE_BYTES));
        return props;
    }

    private static void format(Path config, String clusterId) {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        int exit = StorageTool.execute(new String[] {"format", "-t", clusterId, "-c", config.toString()},
                new PrintStream(log, true, StandardCharsets.UTF_8));
        if (exit != 0) {
            throw new IllegalStateException("Could not format Kafka storage: " + log.toString(StandardCharsets.UTF_8));
        }
    }

    public String bootstrapServers() {
        return nodes.stream().map(node -> "127.0.0.1:" + node.port()).collect(Collectors.joining(","));
    }

    /** How many brokers this cluster was started with. */
    public int size() {
        return nodes.size();
    }

    /** Stops one broker (1 to {@link #size()}), as a machine that goes away would; the others carry on. */
    public void stop(int id) {
        Node node = nodes.get(id - 1);
        node.server().shutdown();
        node.server().awaitShutdown();
    }

    @Override
    public void close() {
        // Brokers before the last controllers, all at once: one by one, the last would wait for a quorum that is gone.
        List<Thread> stopping = nodes.stream().map(node -> started(() -> {
            try {
                node.server().shutdown();
                node.server().awaitShutdown();
            } catch (RuntimeException alreadyStopped) {
                // stopped before, by stop(id)
            }
        })).toList();
        for (Thread thread : stopping) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
