package io.dbaas.nebula;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dbaas.contracts.Engine;
import io.dbaas.contracts.MessageCodec;
import io.dbaas.contracts.MessageMetadata;
import io.dbaas.contracts.Topics;
import io.dbaas.contracts.command.ClusterCommand;
import io.dbaas.contracts.command.DbConfiguration;
import io.dbaas.contracts.command.DeleteDBCluster;
import io.dbaas.contracts.command.NodeConfiguration;
import io.dbaas.contracts.command.ProvisionDBCluster;
import io.dbaas.contracts.event.ClusterChangeFailed;
import io.dbaas.contracts.event.ClusterCommandDeferred;
import io.dbaas.contracts.event.ClusterDeleted;
import io.dbaas.contracts.event.ClusterDeletionStarted;
import io.dbaas.contracts.event.ClusterEvent;
import io.dbaas.contracts.event.ClusterFailed;
import io.dbaas.contracts.event.ClusterProvisioned;
import io.dbaas.contracts.event.ClusterProvisioningStarted;
import io.dbaas.nebula.kubernetes.model.ResourceNames;
import io.dbaas.nebula.support.EventTopics;
import io.dbaas.nebula.support.Kubelet;
import io.dbaas.nebula.support.MockKubernetesApi;
import io.dbaas.nebula.support.NebulaDatabase;
import io.dbaas.nebula.support.RestartableKubernetesApi;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Commands are carried out sooner or later: Nebula with a real Kafka broker, and for the Kubernetes API of its
 * regions a stand-in API server (fabric8's CRUD mock) that goes away and comes back, one that refuses, and an address
 * where nothing ever answers. Retries are fast here (100 ms to 400 ms, a 6 s horizon); the defaults are 1 s to 5 min and
 * 24 h.
 */
@SpringBootTest(
        properties = {
            "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
            "dbaas.key-encryption-key=" + CommandRetryIT.KEY_ENCRYPTION_KEY,
            "nebula.kubernetes-retry.initial-delay=100ms",
            "nebula.kubernetes-retry.max-delay=400ms",
            "nebula.kubernetes-retry.jitter=0",
            "nebula.kubernetes-retry.horizon=" + CommandRetryIT.HORIZON,
            "nebula.kubernetes-retry.poll-interval=50ms",
            "logging.level.io.fabric8=ERROR",
        })
@EmbeddedKafka(partitions = 1, topics = Topics.CLUSTER_COMMANDS)
class CommandRetryIT {

    private static final String DATABASE = "nebula_command_retries";

    static final String KEY_ENCRYPTION_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    static final String HORIZON = "6s";
    private static final String TOKEN = "flaky-region-bearer-token-must-not-leak";
    /** Attempts the old fixed retry made before a cluster ended FAILED: the first and three retries. */
    private static final int OLD_ATTEMPTS = 4;
    /** The first attempt and three retries, 100 + 200 + 400 ms apart: past the longest delay (400 ms) there is. */
    private static final int ATTEMPTS_PAST_THE_LONGEST_DELAY = 4;

    private static final RestartableKubernetesApi FLAKY = new RestartableKubernetesApi();
    private static final RestartableKubernetesApi REFUSING = new RestartableKubernetesApi();
    private static final int NEVER_PORT = MockKubernetesApi.closedPort();

    static {
        FLAKY.start();
    }

    private static @Nullable KafkaProducer<String, byte[]> producer;
    private static EventTopics topics;

    private final MessageCodec codec = new MessageCodec();

    @Autowired
    EmbeddedKafkaBroker broker;

    @DynamicPropertySource
    static void regions(DynamicPropertyRegistry registry) {
        // A database of its own: Spring keeps this Nebula up while other ITs run theirs, on other regions, and each
        // attempts the waiting commands it finds in its database.
        registry.add("spring.datasource.url", () -> NebulaDatabase.jdbcUrl(DATABASE));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("nebula.providers.gcp.regions.europe-west4.kubernetes.api-url", FLAKY::url);
        registry.add("nebula.providers.gcp.regions.europe-west4.kubernetes.token", () -> TOKEN);
        registry.add("nebula.providers.gcp.regions.refusing.kubernetes.api-url", REFUSING::url);
        registry.add("nebula.providers.gcp.regions.never.kubernetes.api-url", () -> "http://127.0.0.1:" + NEVER_PORT);
    }

    @BeforeEach
    void connect() {
        if (producer != null) {
            return;
        }
        String brokers = broker.getBrokersAsString();
        producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(),
                new ByteArraySerializer());
        topics = new EventTopics(brokers);
    }

    /** Each test finds the flaky region up, as the one before may have stopped it. */
    @AfterEach
    void flakyRegionBackUp() {
        FLAKY.refuseWith(0);
        FLAKY.failCreatesOf(null);
        FLAKY.stop();
        FLAKY.start();
    }

    @AfterAll
    static void disconnect() {
        if (producer != null) {
            producer.close();
            producer = null;
        }
        FLAKY.close();
        REFUSING.close();
    }

    @Test
    void aClaimWaitsForARegionThatIsDownPastTheOldRetriesAndRunsOnceItComesBackWithEveryObjectWrittenOnce() {
        FLAKY.stop();
        ProvisionDBCluster command = provision("europe-west4");
        send(command);

        awaitDeferred(command.clusterId(), OLD_ATTEMPTS + 1);
        ClusterCommandDeferred waiting = deferred(command.clusterId()).getLast();
        assertThat(waiting.cloudProvider()).isEqualTo("gcp");
        assertThat(waiting.cloudRegion()).isEqualTo("europe-west4");
        assertThat(waiting.metadata().causationId()).isEqualTo(command.id());
        assertThat(waiting.nextAttemptAt()).isAfter(waiting.createdAt());
        assertThat(waiting.reason())
                .startsWith("Waiting for the Kubernetes API of gcp/europe-west4, next attempt at ")
                .contains("is unreachable: Connection refused")
                .doesNotContain(TOKEN)
                .doesNotContain(KEY_ENCRYPTION_KEY);
        assertThat(events(command.clusterId()))
                .as("still provisioning: nothing failed")
                .noneMatch(event -> event instanceof ClusterFailed);

        FLAKY.start();
        String namespace = ResourceNames.namespace(command.clusterId());
        Kubelet kubelet = new Kubelet(FLAKY.client());
        await().atMost(Duration.ofSeconds(30))
                .until(() -> FLAKY.client()
                                .apps()
                                .statefulSets()
                                .inNamespace(namespace)
                                .withName(ResourceNames.QDRANT_STATEFUL_SET)
                                .get()
                        != null);
        kubelet.setStatus(namespace, ResourceNames.QDRANT_STATEFUL_SET, 3, 3);

        ClusterProvisioned provisioned =
                topics.awaitEvent(Topics.CLUSTER_EVENTS, command.clusterId(), ClusterProvisioned.class);
        assertThat(provisioned.nodesReady()).isEqualTo(3);
        List<String> creates = FLAKY.creates().stream()
                .filter(create -> create.contains(namespace))
                .toList();
        assertThat(creates)
                .as("every object written once, none created again after the region came back")
                .isNotEmpty()
                .doesNotHaveDuplicates();
        assertThat(events(command.clusterId()))
                .extracting(ClusterEvent::name)
                .doesNotContain(ClusterFailed.NAME)
                .contains(ClusterProvisioningStarted.NAME, ClusterCommandDeferred.NAME, ClusterProvisioned.NAME);
    }

    @Test
    void aClaimCutShortByServerErrorsPicksUpWhereItLeftOffWithoutWritingAnythingTwice() {
        FLAKY.failCreatesOf("/statefulsets");
        ProvisionDBCluster command = provision("europe-west4");
        send(command);
        String namespace = ResourceNames.namespace(command.clusterId());

        awaitDeferred(command.clusterId(), 3);
        assertThat(deferred(command.clusterId()).getLast().reason())
                .contains("answered 503 ServiceUnavailable when creating StatefulSet " + namespace + "/");
        assertThat(FLAKY.client().services().inNamespace(namespace).list().getItems())
                .as("written before the failures began, and kept")
                .isNotEmpty();

        FLAKY.failCreatesOf(null);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> FLAKY.client()
                                .apps()
                                .statefulSets()
                                .inNamespace(namespace)
                                .withName(ResourceNames.QDRANT_STATEFUL_SET)
                                .get()
                        != null);
        new Kubelet(FLAKY.client()).setStatus(namespace, ResourceNames.QDRANT_STATEFUL_SET, 3, 3);
        topics.awaitEvent(Topics.CLUSTER_EVENTS, command.clusterId(), ClusterProvisioned.class);

        List<String> creates = FLAKY.creates().stream()
                .filter(create -> create.contains(namespace) && !create.contains("/statefulsets"))
                .toList();
        assertThat(creates)
                .as("what was written before the failures is not written again")
                .isNotEmpty()
                .doesNotHaveDuplicates();
    }

    @Test
    void aDeletionWaitsForTheRegionOfAClusterThatHasObjectsThereAndEndsDeletedOnceItIsBack() {
        ProvisionDBCluster command = provision("europe-west4");
        send(command);
        String namespace = ResourceNames.namespace(command.clusterId());
        await().atMost(Duration.ofSeconds(30))
                .until(() -> FLAKY.client().namespaces().withName(namespace).get() != null);
        topics.awaitEvent(Topics.CLUSTER_EVENTS, command.clusterId(), ClusterProvisioningStarted.class);

        FLAKY.stop();
        DeleteDBCluster delete = delete(command);
        send(delete);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> deferred(command.clusterId()).stream()
                                .filter(waiting ->
                                        delete.id().equals(waiting.metadata().causationId()))
                                .count()
                        >= 2);
        assertThat(events(command.clusterId()))
                .as("Nebula may have written objects there: it cannot call the cluster deleted yet")
                .noneMatch(event -> event instanceof ClusterDeleted || event instanceof ClusterChangeFailed);

        FLAKY.start();
        topics.awaitEvent(Topics.CLUSTER_EVENTS, command.clusterId(), ClusterDeleted.class);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> FLAKY.client().namespaces().withName(namespace).get() == null);
    }

    @Test
    void aPermanentRefusalStillFailsTheClaimAtOnceWithTheReason() {
        REFUSING.refuseWith(403);
        REFUSING.start();
        ProvisionDBCluster command = provision("refusing");
        send(command);

        ClusterFailed failed = topics.awaitEvent(Topics.CLUSTER_EVENTS, command.clusterId(), ClusterFailed.class);

        assertThat(failed.reason())
                .startsWith("The Kubernetes API of gcp/refusing (http://127.0.0.1:")
                .contains("forbade Nebula (403 Forbidden)");
        assertThat(events(command.clusterId())).noneMatch(ClusterCommandDeferred.class::isInstance);
    }

    @Test
    void aClaimWhoseRegionNeverAnswersFailsOnceTheHorizonHasPassedAndItsDeletionEndsDeletedWithoutTheRegion() {
        ProvisionDBCluster command = provision("never");
        send(command);

        ClusterFailed failed = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> events(command.clusterId()).stream()
                                .filter(ClusterFailed.class::isInstance)
                                .map(ClusterFailed.class::cast)
                                .findFirst(),
                        found -> found.isPresent())
                .orElseThrow();
        assertThat(failed.reason())
                .startsWith("Nebula stopped trying after 6s of waiting for the Kubernetes API of gcp/never (")
                .contains("is unreachable: Connection refused");
        ClusterCommandDeferred lastWait = deferred(command.clusterId()).getLast();
        assertThat(Duration.between(deferred(command.clusterId()).getFirst().createdAt(), failed.createdAt()))
                .isGreaterThanOrEqualTo(Duration.parse("PT" + HORIZON).minusMillis(500));
        assertThat(lastWait.attempts()).isGreaterThan(OLD_ATTEMPTS);

        DeleteDBCluster delete = delete(command);
        send(delete);

        ClusterDeleted deleted = topics.awaitEvent(Topics.CLUSTER_EVENTS, command.clusterId(), ClusterDeleted.class);
        assertThat(deleted.metadata().causationId()).isEqualTo(delete.id());
        assertThat(NebulaDatabase.jdbc(DATABASE)
                        .sql("select count(*) from pending_commands where cluster_id = :cluster")
                        .param("cluster", command.clusterId())
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void aDeletionOfAClaimStillWaitingForItsRegionEndsItAndTheClusterIsDeletedAtOnce() {
        ProvisionDBCluster command = provision("never");
        send(command);
        awaitDeferred(command.clusterId(), 1);

        DeleteDBCluster delete = delete(command);
        send(delete);

        topics.awaitEvent(Topics.CLUSTER_EVENTS, command.clusterId(), ClusterDeleted.class);
        ClusterFailed superseded = topics.awaitEvent(Topics.CLUSTER_EVENTS, command.clusterId(), ClusterFailed.class);
        assertThat(superseded.metadata().causationId()).isEqualTo(command.id());
        assertThat(superseded.reason()).isEqualTo("The cluster was deleted before Nebula could create it.");
        int waitsSoFar = deferred(command.clusterId()).size();
        // The claim is no longer tried: it no longer waits in Nebula's queue, and while another claim for the same
        // region is tried past the longest delay between two attempts, no further wait is announced for this one.
        assertThat(waitingRows(command.clusterId())).isZero();
        ProvisionDBCluster later = provision("never");
        send(later);
        awaitDeferred(later.clusterId(), ATTEMPTS_PAST_THE_LONGEST_DELAY);
        assertThat(deferred(command.clusterId())).hasSize(waitsSoFar);
        assertThat(events(command.clusterId()))
                .extracting(ClusterEvent::name)
                .containsSubsequence(ClusterDeletionStarted.NAME, ClusterDeleted.NAME);
    }

    /** The commands of the cluster waiting in Nebula's queue for another attempt. */
    private static int waitingRows(UUID clusterId) {
        return NebulaDatabase.jdbc(DATABASE)
                .sql("select count(*) from pending_commands where cluster_id = :cluster")
                .param("cluster", clusterId)
                .query(Integer.class)
                .single();
    }

    private void awaitDeferred(UUID clusterId, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> deferred(clusterId).size() >= count);
    }

    private List<ClusterCommandDeferred> deferred(UUID clusterId) {
        return events(clusterId).stream()
                .filter(ClusterCommandDeferred.class::isInstance)
                .map(ClusterCommandDeferred.class::cast)
                .toList();
    }

    private List<ClusterEvent> events(UUID clusterId) {
        return topics.eventsOf(Topics.CLUSTER_EVENTS, clusterId);
    }

    private static ProvisionDBCluster provision(String region) {
        UUID clusterId = UUID.randomUUID();
        return new ProvisionDBCluster(
                UUID.randomUUID(),
                Instant.now(),
                MessageMetadata.startingChain(UUID.randomUUID()),
                UUID.randomUUID(),
                "gcp",
                region,
                clusterId,
                "vectors",
                Engine.QDRANT,
                "1.13.4",
                new DbConfiguration(
                        clusterId + "." + region + ".gcp.dbaas.test", 3, new NodeConfiguration("500m", "1Gi", "10Gi")));
    }

    private static DeleteDBCluster delete(ProvisionDBCluster command) {
        return new DeleteDBCluster(
                UUID.randomUUID(),
                Instant.now(),
                MessageMetadata.startingChain(UUID.randomUUID()),
                command.accountId(),
                command.cloudProvider(),
                command.cloudRegion(),
                command.clusterId(),
                command.engine());
    }

    private void send(ClusterCommand command) {
        try {
            producer.send(new ProducerRecord<>(
                            Topics.CLUSTER_COMMANDS, command.clusterId().toString(), codec.write(command)))
                    .get();
        } catch (Exception e) {
            throw new AssertionError("could not send a command", e);
        }
    }
}
