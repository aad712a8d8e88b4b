package io.dbaas.local;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.jspecify.annotations.Nullable;

/**
 * One real Kafka node (KRaft, broker and controller in one process) whose every listener is on 127.0.0.1: nothing
 * else on the network can reach the local run's broker. Kafka's own test kit (behind spring-kafka-test's embedded
 * broker) binds its listeners on every interface, which is why the local run does not use it.
 */
public final class LoopbackKafka implements AutoCloseable {

    private static final String LOOPBACK = "127.0.0.1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final int DEDUPE_BUFFER_BYTES = 8 * 1024 * 1024;

    private final KafkaRaftServer server;
    private final Path directory;
    private final int port;
    private final Map<String, Object> adminSettings;

    private LoopbackKafka(KafkaRaftServer server, Path directory, int port, Map<String, Object> adminSettings) {
        this.server = server;
        this.directory = directory;
        this.port = port;
        this.adminSettings = adminSettings;
    }

    /** Formats a fresh log directory and starts the node; returns once it answers. */
    public static LoopbackKafka start() {
        return start(null);
    }

    /**
     * Starts a node like {@link #start()} whose only client listener asks for SCRAM over TLS and whose authorizer
     * refuses whatever no ACL allows, as a production cluster does. Only the listener's super user may do anything
     * until users and ACLs are created (through {@link #adminSettings()}).
     */
    public static LoopbackKafka startAuthenticated(AuthenticatedListener listener) {
        return start(listener);
    }

    private static LoopbackKafka start(@Nullable AuthenticatedListener authenticated) {
        try {
            Path directory = Files.createTempDirectory("dbaas-kafka");
            int port = freePort();
            int controllerPort = freePort();
            String clientListener = authenticated == null ? "PLAINTEXT" : "SASL_SSL";
            Map<String, String> settings = new HashMap<>(Map.ofEntries(
                    Map.entry("process.roles", "broker,controller"),
                    Map.entry("node.id", "1"),
                    Map.entry(
                            "listeners",
                            clientListener + "://" + LOOPBACK + ":" + port + ",CONTROLLER://" + LOOPBACK + ":"
                                    + controllerPort),
                    Map.entry("advertised.listeners", clientListener + "://" + LOOPBACK + ":" + port),
                    Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                    Map.entry("controller.listener.names", "CONTROLLER"),
                    Map.entry("inter.broker.listener.name", clientListener),
                    Map.entry("controller.quorum.voters", "1@" + LOOPBACK + ":" + controllerPort),
                    Map.entry("log.dirs", directory.toString()),
                    // Topics are created by the services that use them, with the partitions they need.
                    Map.entry("auto.create.topics.enable", "false"),
                    Map.entry("offsets.topic.replication.factor", "1"),
                    Map.entry("transaction.state.log.replication.factor", "1"),
                    Map.entry("transaction.state.log.min.isr", "1"),
                    Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                    Map.entry("share.coordinator.state.topic.min.isr", "1"),
                    Map.entry("group.initial.rebalance.delay.ms", "0"),
                    // The log cleaner's key map for compacted topics (consumer offsets, the services' compacted
                    // topics) is a heap buffer of this size, 128 MiB by default: the largest single item of the local
                    // run's memory at idle (bench/footprint.sh). 8 MiB still holds over 300,000 keys per pass.
                    Map.entry("log.cleaner.dedupe.buffer.size", Integer.toString(DEDUPE_BUFFER_BYTES))));
            var formatter = new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(1)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(directory.toString()))
                    .setMetadataLogDirectory(directory.toString())
                    .setControllerListenerName("CONTROLLER")
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION);
            Map<String, Object> adminSettings = new HashMap<>();
            adminSettings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, LOOPBACK + ":" + port);
            if (authenticated != null) {
                settings.putAll(authenticated.brokerSettings());
                // The super user's SCRAM credential must exist before the first start: the broker logs in with it.
                formatter.setScramArguments(List.of(authenticated.superUserScramArgument()));
                adminSettings.putAll(
                        authenticated.clientSettings(authenticated.superUser(), authenticated.superUserPassword()));
            }
            formatter.run();
            var server = new KafkaRaftServer(new KafkaConfig(settings, false), Time.SYSTEM);
            server.startup();
            var kafka = new LoopbackKafka(server, directory, port, Map.copyOf(adminSettings));
            kafka.awaitAnswer();
            return kafka;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the local Kafka node", e);
        } catch (Exception e) {
            throw new IllegalStateException("could not start the local Kafka node", e);
        }
    }

    public String bootstrapServers() {
        return LOOPBACK + ":" + port;
    }

    /** Settings of an admin client with every right: the super user's on an authenticated node. */
    public Map<String, Object> adminSettings() {
        return adminSettings;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.out.println("Could not delete " + directory + ": " + e);
        }
    }

    private void awaitAnswer() throws Exception {
        try (Admin admin = Admin.create(adminSettings)) {
            admin.describeCluster().nodes().get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        }
    }
}
