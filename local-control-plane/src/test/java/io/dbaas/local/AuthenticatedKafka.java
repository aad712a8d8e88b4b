package io.dbaas.local;

import io.dbaas.contracts.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.awaitility.Awaitility;

/**
 * A Kafka node set up the way docs/operations/kafka.md sets up production: SCRAM-SHA-512 over TLS on 127.0.0.1,
 * StandardAuthorizer refusing whatever no ACL allows, one user per service with exactly the ACLs of the page's table,
 * and the topics created by the platform (here: by the broker's super user), not by the services.
 */
final class AuthenticatedKafka implements AutoCloseable {

    /** Each service's Kafka user, as the chart names them by default. */
    static final Map<String, String> USERS =
            Map.of("orion", "dbaas-orion", "nebula", "dbaas-nebula", "gatekeeper", "dbaas-gatekeeper");

    private static final List<String> PLATFORM_TOPICS = List.of(
            Topics.CLUSTER_COMMANDS,
            Topics.CLUSTER_EVENTS,
            Topics.ACCESS_EVENTS,
            Topics.CLUSTER_COMMANDS_DEAD_LETTER,
            Topics.CLUSTER_EVENTS_DEAD_LETTER);

    private final Path directory;
    private final AuthenticatedListener listener;
    private final LoopbackKafka node;
    private final Map<String, String> passwords;

    private AuthenticatedKafka(
            Path directory, AuthenticatedListener listener, LoopbackKafka node, Map<String, String> passwords) {
        this.directory = directory;
        this.listener = listener;
        this.node = node;
        this.passwords = passwords;
    }

    static AuthenticatedKafka start() {
        try {
            Path directory = Files.createTempDirectory("dbaas-kafka-tls");
            LoopbackCertificate certificate = LoopbackCertificate.create(directory);
            var listener = new AuthenticatedListener(
                    "broker",
                    password(),
                    certificate.keyStore(),
                    certificate.keyStorePassword(),
                    certificate.caCertificate());
            Map<String, String> passwords = new HashMap<>();
            USERS.values().forEach(user -> passwords.put(user, password()));
            var kafka = new AuthenticatedKafka(
                    directory, listener, LoopbackKafka.startAuthenticated(listener), Map.copyOf(passwords));
            kafka.setUpAsTheDocsSay();
            return kafka;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void setUpAsTheDocsSay() {
        try (Admin admin = Admin.create(node.adminSettings())) {
            List<UserScramCredentialAlteration> users = passwords.entrySet().stream()
                    .<UserScramCredentialAlteration>map(user -> new UserScramCredentialUpsertion(
                            user.getKey(),
                            new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192),
                            user.getValue()))
                    .toList();
            admin.alterUserScramCredentials(users).all().get(30, TimeUnit.SECONDS);
            admin.createAcls(DocumentedKafkaAcls.table()).all().get(30, TimeUnit.SECONDS);
            admin.createTopics(PLATFORM_TOPICS.stream()
                            .map(topic -> new NewTopic(topic, 3, (short) 1))
                            .toList())
                    .all()
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not set up the authenticated Kafka node", e);
        }
        // SCRAM credentials reach the broker through the metadata log: wait until every user can log in.
        for (String user : passwords.keySet()) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
                try (Admin admin = Admin.create(client(user))) {
                    admin.describeTopics(List.of(Topics.CLUSTER_EVENTS))
                            .allTopicNames()
                            .get(5, TimeUnit.SECONDS);
                }
            });
        }
    }

    String bootstrapServers() {
        return node.bootstrapServers();
    }

    AuthenticatedListener listener() {
        return listener;
    }

    String password(String user) {
        return passwords.get(user);
    }

    /** The super user's admin settings: the platform's own rights. */
    Map<String, Object> adminSettings() {
        return node.adminSettings();
    }

    /** Client settings logging in as {@code user} with its password, over TLS. */
    Map<String, Object> client(String user) {
        Map<String, Object> settings = new HashMap<>(listener.clientSettings(user, passwords.get(user)));
        settings.put("bootstrap.servers", node.bootstrapServers());
        return settings;
    }

    /**
     * The environment of each service's process (by service name) that makes it log in as its own user, as the chart
     * does: the client properties, with the password as the placeholder the chart writes and the password itself in
     * {@code DBAAS_KAFKA_SASL_PASSWORD}. Topic creation is left on (the chart's {@code kafka.topics.create: true}):
     * the services then start, without the right to create, on the topics the platform made, which is the harder case
     * ({@code false} only keeps Spring from checking them).
     */
    Map<String, Map<String, String>> serviceEnvironments() {
        Map<String, Map<String, String>> environments = new HashMap<>();
        USERS.forEach((service, user) -> {
            Map<String, String> environment = new HashMap<>();
            listener.clientSettings(user, "${DBAAS_KAFKA_SASL_PASSWORD}")
                    .forEach((name, value) -> environment.put(
                            "SPRING_KAFKA_PROPERTIES_"
                                    + name.toUpperCase(Locale.ROOT).replace('.', '_'),
                            value.toString()));
            environment.put("DBAAS_KAFKA_SASL_PASSWORD", passwords.get(user));
            environments.put(service, Map.copyOf(environment));
        });
        return Map.copyOf(environments);
    }

    @Override
    public void close() {
        node.close();
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.out.println("Could not delete " + directory + ": " + e);
        }
    }

    private static String password() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
