package io.dbaas.orion.support;

import static org.awaitility.Awaitility.await;

import io.dbaas.contracts.Engine;
import io.dbaas.contracts.MessageCodec;
import io.dbaas.contracts.MessageMetadata;
import io.dbaas.contracts.Topics;
import io.dbaas.contracts.command.ClusterCommand;
import io.dbaas.contracts.command.DbConfiguration;
import io.dbaas.contracts.command.NodeConfiguration;
import io.dbaas.contracts.command.ProvisionDBCluster;
import io.dbaas.orion.account.ManagementToken;
import io.dbaas.orion.outbox.Outbox;
import io.dbaas.orion.support.OrionIntegrationTests.Response;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import kafka.server.BrokerServer;
import org.apache.commons.io.FileUtils;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Orion against a PostgreSQL and a Kafka broker of its own, which a test may stop and start again while Orion runs.
 *
 * <p>Kept apart from {@link OrionIntegrationTests}: stopping the database or broker every other test shares would
 * break them. Both are started on first use and keep their address across a restart, so the running Orion reconnects
 * as it would to a real server coming back: PostgreSQL is started again on the port it first chose with the same data
 * directory; the Kafka broker is shut down and started up again inside the same KRaft cluster, whose test kit reopens
 * the listener on the port it bound at first. Every subclass shares one application context, and after each test the
 * database and broker run again whatever the test did.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class OutageIntegrationTests {

    protected static final String KEY_ENCRYPTION_KEY = randomKey();
    protected static final String OPERATOR_TOKEN =
            ManagementToken.generate(UUID.randomUUID()).value();

    private static final Path DATA_DIRECTORY = temporaryDirectory();
    private static @Nullable EmbeddedPostgres postgres = startPostgres(0);
    private static final int POSTGRES_PORT = runningPostgres().getPort();
    private static final EmbeddedKafkaKraftBroker KAFKA = startKafka();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(OutageIntegrationTests::removeDatabase));
    }

    @LocalServerPort
    protected int port;

    @LocalManagementPort
    protected int managementPort;

    @Autowired
    protected MessageCodec codec;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected Outbox outbox;

    @Autowired
    protected TransactionTemplate transactions;

    /** This test's own account. */
    protected UUID accountId;

    /** The token of this test's own account's first administrator. */
    protected String adminToken;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:postgresql://localhost:" + POSTGRES_PORT + "/postgres");
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.kafka.bootstrap-servers", KAFKA::getBrokersAsString);
        registry.add("dbaas.key-encryption-key", () -> KEY_ENCRYPTION_KEY);
        registry.add("dbaas.kafka.partitions", () -> 3);
        registry.add("orion.bootstrap.admin-token", () -> OPERATOR_TOKEN);
        Regions.offerTheRegionOfValidClaims(registry);
        registry.add("orion.outbox.poll-interval", () -> "100ms");
        // Shorter than in production so that recovery is quick to observe; the shape of the back-off is the same.
        registry.add("orion.outbox.max-backoff", () -> "2s");
        registry.add("orion.outbox.backlog-interval", () -> "300ms");
        registry.add("management.server.port", () -> 0);
        // A pass gives up on an absent broker within seconds rather than the production ten, to keep the tests short.
        registry.add("spring.kafka.producer.properties.max.block.ms", () -> 2000);
        registry.add("spring.kafka.producer.properties.request.timeout.ms", () -> 1000);
        registry.add("spring.kafka.producer.properties.delivery.timeout.ms", () -> 3000);
    }

    @BeforeEach
    void openTestAccount() {
        Response opened = post(OPERATOR_TOKEN, "/v1/accounts", "{\"name\": \"outage\"}");
        if (opened.status() != 201) {
            throw new AssertionError("could not open an account: " + opened.status() + " " + opened.body());
        }
        accountId = UUID.fromString(opened.json().get("id").asString());
        adminToken = opened.json().get("admin").get("token").asString();
    }

    @AfterEach
    void everythingRunsAgain() {
        startDatabase();
        startBroker();
        // The pool may still hold connections the stopped server broke; the next test should not meet them.
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> management("/actuator/health/readiness").status() == 200
                        && post(OPERATOR_TOKEN, "/v1/accounts", "{\"name\": \"probe\"}")
                                        .status()
                                == 201);
    }

    // --- the database

    /** Stops PostgreSQL as an operator would ({@code pg_ctl stop}, fast mode: open connections are closed). */
    protected static synchronized void stopDatabase() {
        EmbeddedPostgres running = postgres;
        if (running != null) {
            postgres = null;
            try {
                running.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Starts PostgreSQL again, on its port and with its data; does nothing when it runs. */
    protected static synchronized void startDatabase() {
        if (postgres == null) {
            postgres = startPostgres(POSTGRES_PORT);
        }
    }

    private static EmbeddedPostgres startPostgres(int port) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(DATA_DIRECTORY)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false);
            if (port != 0) {
                builder.setPort(port);
            }
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static EmbeddedPostgres runningPostgres() {
        EmbeddedPostgres running = postgres;
        if (running == null) {
            throw new IllegalStateException("PostgreSQL is stopped");
        }
        return running;
    }

    private static void removeDatabase() {
        stopDatabase();
        FileUtils.deleteQuietly(DATA_DIRECTORY.toFile());
    }

    // --- the broker

    /** Shuts the broker down; clients then find nothing listening on its port. The KRaft controller stays. */
    protected static synchronized void stopBroker() {
        for (BrokerServer broker : brokers()) {
            if (!broker.isShutdown()) {
                broker.shutdown();
                broker.awaitShutdown();
            }
        }
    }

    /** Starts the broker again on the same port with the same logs; does nothing when it runs. */
    protected static synchronized void startBroker() {
        boolean restarted = false;
        for (BrokerServer broker : brokers()) {
            if (broker.isShutdown()) {
                broker.startup();
                restarted = true;
            }
        }
        if (restarted) {
            try {
                KAFKA.getCluster().waitForReadyBrokers();
            } catch (ExecutionException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static Collection<BrokerServer> brokers() {
        return KAFKA.getCluster().brokers().values();
    }

    private static EmbeddedKafkaKraftBroker startKafka() {
        var broker = new EmbeddedKafkaKraftBroker(1, 3);
        broker.afterPropertiesSet();
        return broker;
    }

    /** Every record of {@code topic} with one of {@code keys}, in the order of each partition, waiting for count. */
    protected static List<ConsumerRecord<String, byte[]>> readRecords(
            String topic, Collection<String> keys, int count, Duration timeout) {
        Map<String, Object> props =
                KafkaTestUtils.consumerProps(KAFKA.getBrokersAsString(), "outage-test-" + UUID.randomUUID(), false);
        props.put("auto.offset.reset", "earliest");
        var found = new ArrayList<ConsumerRecord<String, byte[]>>();
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plus(timeout);
            while (found.size() < count && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (keys.contains(record.key())) {
                        found.add(record);
                    }
                }
            }
        }
        return found;
    }

    // --- the outbox

    /**
     * Writes one more command for {@code cluster} to the outbox in a transaction of its own, as a later lifecycle
     * change would: with several per cluster, their order is something the relay could get wrong.
     */
    protected void appendCommand(UUID cluster) {
        var command = new ProvisionDBCluster(
                UUID.randomUUID(),
                Instant.now(),
                MessageMetadata.startingChain(UUID.randomUUID()),
                UUID.randomUUID(),
                "minikube",
                "local",
                cluster,
                "ordered",
                Engine.QDRANT,
                "1.19.0",
                new DbConfiguration(
                        cluster + ".local.minikube.dbaas.localhost", 1, new NodeConfiguration("500m", "1Gi", "1Gi")));
        transactions.executeWithoutResult(status -> outbox.append(command));
    }

    /** The ids of each cluster's commands, in the order Orion wrote them to the outbox. */
    protected Map<String, List<UUID>> commandsAsWritten(Collection<String> clusters) {
        Map<String, List<UUID>> written = new LinkedHashMap<>();
        jdbc.sql("""
                        select message_key, message_id from outbox_messages
                        where message_key in (:clusters) order by sequence""")
                .param("clusters", clusters)
                .query((rs, row) -> Map.entry(rs.getString(1), rs.getObject(2, UUID.class)))
                .list()
                .forEach(entry -> written.computeIfAbsent(entry.getKey(), key -> new ArrayList<>())
                        .add(entry.getValue()));
        return written;
    }

    /** The ids of each cluster's commands, in the order Kafka holds them. */
    protected Map<String, List<UUID>> commandsAsPublished(Collection<String> clusters, int count) {
        Map<String, List<UUID>> published = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record :
                readRecords(Topics.CLUSTER_COMMANDS, clusters, count, Duration.ofSeconds(60))) {
            published
                    .computeIfAbsent(record.key(), key -> new ArrayList<>())
                    .add(codec.read(record.value(), ClusterCommand.class).id());
        }
        return published;
    }

    /** How many of these clusters' commands wait in the outbox, not yet acknowledged by Kafka. */
    protected long unpublished(Collection<String> clusters) {
        return jdbc.sql("""
                        select count(*) from outbox_messages
                        where message_key in (:clusters) and published_at is null""").param("clusters", clusters).query(Long.class).single();
    }

    // --- HTTP

    protected Response post(String path, String json) {
        return post(adminToken, path, json);
    }

    protected Response get(String path) {
        return send(HttpRequest.newBuilder(api(path))
                .header("Authorization", "Bearer " + adminToken)
                .GET());
    }

    protected Response post(String token, String path, String json) {
        return send(HttpRequest.newBuilder(api(path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    protected Response patch(String path, String json) {
        return send(HttpRequest.newBuilder(api(path))
                .header("Authorization", "Bearer " + adminToken)
                .header("Content-Type", "application/merge-patch+json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
    }

    protected Response delete(String path) {
        return send(HttpRequest.newBuilder(api(path))
                .header("Authorization", "Bearer " + adminToken)
                .DELETE());
    }

    /** A GET on the API port without credentials. */
    protected Response getAnonymously(String path) {
        return send(HttpRequest.newBuilder(api(path)).GET());
    }

    /** A GET on the management port (Actuator), without credentials. */
    protected Response management(String path) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path))
                .GET());
    }

    private URI api(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response =
                    HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response, codec);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("orion-outage-pg");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
