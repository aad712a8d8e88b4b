package io.dbaas.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbaas.contracts.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Kafka set-up docs/operations/kafka.md prescribes, on a real broker: a SCRAM-SHA-512 listener over TLS on
 * 127.0.0.1, KRaft's StandardAuthorizer refusing whatever no ACL allows, the three services' users, the topics created
 * by the platform, and exactly the ACLs of the page's table. Each service's principal, with the client settings the
 * chart renders and its producer or consumer settings, can do what the service does and nothing else.
 */
class KafkaAccessControlIT {

    private static final String ORION = "dbaas-orion";
    private static final String NEBULA = "dbaas-nebula";
    private static final String GATEKEEPER = "dbaas-gatekeeper";
    private static final Duration REFUSAL = Duration.ofSeconds(30);

    private static AuthenticatedKafka kafka;

    @BeforeAll
    static void startTheBrokerAsTheDocSetsItUp() {
        kafka = AuthenticatedKafka.start();
    }

    @AfterAll
    static void stop() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void theDocsTableAndItsStrimziKafkaUsersGrantTheSameAclsAndTheBrokerHoldsExactlyThose() throws Exception {
        Set<AclBinding> table = DocumentedKafkaAcls.table();

        assertThat(table).hasSize(12);
        assertThat(table)
                .allSatisfy(binding ->
                        assertThat(binding.isUnknown()).as(binding.toString()).isFalse());
        assertThat(DocumentedKafkaAcls.strimziKafkaUsers()).isEqualTo(table);
        try (Admin admin = Admin.create(kafka.adminSettings())) {
            assertThat(Set.copyOf(
                            admin.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS)))
                    .isEqualTo(table);
        }
        assertThat(table)
                .noneMatch(binding -> binding.pattern().resourceType() == ResourceType.CLUSTER)
                .noneMatch(binding -> binding.pattern().resourceType() == ResourceType.TRANSACTIONAL_ID);
    }

    @Test
    void orionWritesCommandsAccessEventsAndItsDeadLettersButNoClusterEvent() {
        assertThat(write(ORION, Topics.CLUSTER_COMMANDS)).isTrue();
        assertThat(write(ORION, Topics.ACCESS_EVENTS)).isTrue();
        assertThat(write(ORION, Topics.CLUSTER_EVENTS_DEAD_LETTER)).isTrue();

        assertThatThrownBy(() -> write(ORION, Topics.CLUSTER_EVENTS)).satisfies(KafkaAccessControlIT::topicRefusal);
        assertThatThrownBy(() -> write(ORION, Topics.CLUSTER_COMMANDS_DEAD_LETTER))
                .satisfies(KafkaAccessControlIT::topicRefusal);
    }

    @Test
    void nebulaWritesClusterEventsAndItsDeadLettersButNoCommandAndNoAccessEvent() {
        assertThat(write(NEBULA, Topics.CLUSTER_EVENTS)).isTrue();
        assertThat(write(NEBULA, Topics.CLUSTER_COMMANDS_DEAD_LETTER)).isTrue();

        assertThatThrownBy(() -> write(NEBULA, Topics.CLUSTER_COMMANDS)).satisfies(KafkaAccessControlIT::topicRefusal);
        assertThatThrownBy(() -> write(NEBULA, Topics.ACCESS_EVENTS)).satisfies(KafkaAccessControlIT::topicRefusal);
    }

    @Test
    void gatekeeperWritesNothing() {
        for (String topic : List.of(
                Topics.CLUSTER_EVENTS,
                Topics.ACCESS_EVENTS,
                Topics.CLUSTER_COMMANDS,
                Topics.CLUSTER_EVENTS_DEAD_LETTER,
                Topics.CLUSTER_COMMANDS_DEAD_LETTER)) {
            // GateKeeper has no producer. An idempotent one may be refused before any topic is looked at (no Write
            // anywhere, so no producer id) or at the topic, whichever comes first; a plain one always gets as far as
            // the topic, and is refused there.
            assertThatThrownBy(() -> write(GATEKEEPER, topic)).as(topic).satisfies(failure -> assertThat(
                            causes(failure))
                    .anyMatch(AuthorizationException.class::isInstance));
            assertThatThrownBy(() -> write(withoutIdempotence(producer(GATEKEEPER)), GATEKEEPER, topic))
                    .as(topic)
                    .satisfies(KafkaAccessControlIT::topicRefusal);
        }
    }

    @Test
    void gatekeeperReadsClusterAndAccessEventsUnderItsOwnFreshGroupsFromTheBeginning() {
        String clusterEvent = "event-" + UUID.randomUUID();
        String revocation = "revoked-" + UUID.randomUUID();
        write(NEBULA, Topics.CLUSTER_EVENTS, clusterEvent);
        write(ORION, Topics.ACCESS_EVENTS, revocation);
        String group = "gatekeeper-" + UUID.randomUUID();

        assertThat(readUntilSeen(GATEKEEPER, group, Topics.CLUSTER_EVENTS, clusterEvent))
                .isTrue();
        assertThat(readUntilSeen(GATEKEEPER, group + "-access", Topics.ACCESS_EVENTS, revocation))
                .isTrue();
    }

    @Test
    void orionAndNebulaReadWhatTheOtherWroteUnderTheirConsumerGroups() {
        String command = "command-" + UUID.randomUUID();
        String event = "event-" + UUID.randomUUID();
        write(ORION, Topics.CLUSTER_COMMANDS, command);
        write(NEBULA, Topics.CLUSTER_EVENTS, event);

        assertThat(readUntilSeen(NEBULA, "nebula", Topics.CLUSTER_COMMANDS, command))
                .isTrue();
        assertThat(readUntilSeen(ORION, "orion", Topics.CLUSTER_EVENTS, event)).isTrue();
    }

    @Test
    void noServiceReadsWhatIsNotItsOwnOrJoinsAnotherServicesGroup() {
        assertThatThrownBy(() ->
                        readUntilSeen(GATEKEEPER, "gatekeeper-" + UUID.randomUUID(), Topics.CLUSTER_COMMANDS, "never"))
                .isInstanceOf(TopicAuthorizationException.class);
        assertThatThrownBy(() -> readUntilSeen(ORION, "orion", Topics.CLUSTER_COMMANDS, "never"))
                .isInstanceOf(TopicAuthorizationException.class);
        assertThatThrownBy(() -> readUntilSeen(NEBULA, "nebula", Topics.ACCESS_EVENTS, "never"))
                .isInstanceOf(TopicAuthorizationException.class);
        assertThatThrownBy(() -> readUntilSeen(GATEKEEPER, "orion", Topics.CLUSTER_EVENTS, "never"))
                .isInstanceOf(GroupAuthorizationException.class);
        assertThatThrownBy(
                        () -> readUntilSeen(ORION, "gatekeeper-" + UUID.randomUUID(), Topics.CLUSTER_EVENTS, "never"))
                .isInstanceOf(GroupAuthorizationException.class);
    }

    @Test
    void noServiceCreatesATopicOrGrantsItselfAnAcl() throws Exception {
        for (String user : List.of(ORION, NEBULA, GATEKEEPER)) {
            try (Admin admin = Admin.create(client(user))) {
                assertThatThrownBy(() -> admin.createTopics(List.of(new NewTopic("dbaas.sneaky-" + user, 1, (short) 1)))
                                .all()
                                .get(30, TimeUnit.SECONDS))
                        .as(user)
                        .hasCauseInstanceOf(TopicAuthorizationException.class);
                AclBinding everything = DocumentedKafkaAcls.table().iterator().next();
                assertThatThrownBy(() ->
                                admin.createAcls(List.of(everything)).all().get(30, TimeUnit.SECONDS))
                        .as(user)
                        .hasCauseInstanceOf(ClusterAuthorizationException.class);
                // What Spring's KafkaAdmin does at start when the topics exist: allowed, so a service without CREATE
                // finds its topics.
                assertThat(admin.describeTopics(List.of(Topics.CLUSTER_EVENTS))
                                .allTopicNames()
                                .get(30, TimeUnit.SECONDS))
                        .containsKey(Topics.CLUSTER_EVENTS);
            }
        }
    }

    @Test
    void aClientWithAWrongPasswordIsRefusedAtLogin() {
        Map<String, Object> settings = new HashMap<>(producer(ORION));
        settings.putAll(kafka.listener().clientSettings(ORION, "not-" + kafka.password(ORION)));

        try (var producer = new KafkaProducer<String, byte[]>(settings)) {
            assertThatThrownBy(() -> producer.send(record(Topics.CLUSTER_COMMANDS, "x"))
                            .get(REFUSAL.toSeconds(), TimeUnit.SECONDS))
                    .satisfies(failure ->
                            assertThat(causes(failure)).anyMatch(SaslAuthenticationException.class::isInstance));
        }
    }

    @Test
    void aClientWithoutCredentialsGetsNothingFromTheBroker() {
        Map<String, Object> tlsOnly = new HashMap<>(client(ORION));
        tlsOnly.put("security.protocol", "SSL");
        tlsOnly.remove("sasl.mechanism");
        tlsOnly.remove("sasl.jaas.config");
        Map<String, Object> plaintext = Map.of("bootstrap.servers", kafka.bootstrapServers());

        for (Map<String, Object> settings : List.of(tlsOnly, plaintext)) {
            Map<String, Object> impatient = new HashMap<>(settings);
            impatient.put("default.api.timeout.ms", 5000);
            impatient.put("request.timeout.ms", 5000);
            try (Admin admin = Admin.create(impatient)) {
                assertThatThrownBy(() -> admin.listTopics().names().get(REFUSAL.toSeconds(), TimeUnit.SECONDS))
                        .as(settings.get("security.protocol") == null ? "PLAINTEXT" : "SSL without SASL")
                        .satisfies(failure -> assertThat(causes(failure)).anyMatch(TimeoutException.class::isInstance));
            }
        }
    }

    /** Sends one record as {@code user} with the producer settings of Orion and Nebula; true once acknowledged. */
    private static boolean write(String user, String topic) {
        return write(user, topic, "probe-" + UUID.randomUUID());
    }

    private static boolean write(String user, String topic, String value) {
        return write(producer(user), user, topic, value);
    }

    private static boolean write(Map<String, Object> settings, String user, String topic) {
        return write(settings, user, topic, "probe-" + UUID.randomUUID());
    }

    private static boolean write(Map<String, Object> settings, String user, String topic, String value) {
        try (var producer = new KafkaProducer<String, byte[]>(settings)) {
            producer.send(record(topic, value)).get(REFUSAL.toSeconds(), TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            throw new IllegalStateException(user + " could not write to " + topic, e);
        }
    }

    private static Map<String, Object> withoutIdempotence(Map<String, Object> producer) {
        Map<String, Object> settings = new HashMap<>(producer);
        settings.put("enable.idempotence", "false");
        return settings;
    }

    /**
     * Reads {@code topic} from the beginning as {@code user} in {@code group} (each service's consumer settings: bytes,
     * earliest, read committed) until {@code value} arrives; a refusal is thrown as the consumer reports it.
     */
    private static boolean readUntilSeen(String user, String group, String topic, String value) {
        Map<String, Object> settings = new HashMap<>(client(user));
        settings.put("group.id", group);
        settings.put("auto.offset.reset", "earliest");
        settings.put("isolation.level", "read_committed");
        settings.put("key.deserializer", StringDeserializer.class.getName());
        settings.put("value.deserializer", ByteArrayDeserializer.class.getName());
        try (var consumer = new KafkaConsumer<String, byte[]>(settings)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + REFUSAL.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (value.equals(new String(record.value(), StandardCharsets.UTF_8))) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    /** The producer settings Orion and Nebula share (acks=all, idempotence), over the chart's client settings. */
    private static Map<String, Object> producer(String user) {
        Map<String, Object> settings = new HashMap<>(client(user));
        settings.put("acks", "all");
        settings.put("enable.idempotence", "true");
        settings.put("max.block.ms", 10000);
        settings.put("delivery.timeout.ms", 20000);
        settings.put("request.timeout.ms", 10000);
        settings.put("key.serializer", StringSerializer.class.getName());
        settings.put("value.serializer", ByteArraySerializer.class.getName());
        return settings;
    }

    private static Map<String, Object> client(String user) {
        return kafka.client(user);
    }

    private static ProducerRecord<String, byte[]> record(String topic, String value) {
        return new ProducerRecord<>(topic, UUID.randomUUID().toString(), value.getBytes(StandardCharsets.UTF_8));
    }

    private static void topicRefusal(Throwable failure) {
        assertThat(causes(failure)).anyMatch(TopicAuthorizationException.class::isInstance);
    }

    private static List<Throwable> causes(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable cause = failure; cause != null && !chain.contains(cause); cause = cause.getCause()) {
            chain.add(cause);
        }
        return chain;
    }
}
