package io.dbaas.nebula;

import static org.awaitility.Awaitility.await;

import io.dbaas.contracts.MessageCodec;
import io.dbaas.contracts.Topics;
import io.dbaas.contracts.command.ClusterCommand;
import io.dbaas.contracts.command.ProvisionDBCluster;
import io.dbaas.contracts.event.ClusterEvent;
import io.dbaas.contracts.event.ClusterProvisioned;
import io.dbaas.nebula.kubernetes.model.Annotations;
import io.dbaas.nebula.kubernetes.model.ResourceNames;
import io.dbaas.nebula.support.EventTopics;
import io.dbaas.nebula.support.Kubelet;
import io.dbaas.nebula.support.MockKubernetesApi;
import io.dbaas.nebula.support.NebulaDatabase;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Nebula as it runs, shared by the scenarios that extend this class: a real (embedded, KRaft) Kafka broker, fabric8's
 * CRUD mock as the Kubernetes API of two regions, a third region whose API is down and a fourth on an API server of
 * its own. Commands go in as bytes; events come out as bytes. Every scenario has the same configuration, so Spring
 * starts Nebula (and its broker) once for all of them.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
            "dbaas.key-encryption-key=" + NebulaScenario.KEY_ENCRYPTION_KEY,
            "nebula.kubernetes-retry.initial-delay=50ms",
            "nebula.status.provisioning-grace-period=" + NebulaScenario.GRACE_PERIOD,
            "logging.level.io.fabric8.mockwebserver=WARN",
        })
// spring-kafka 4 runs the embedded broker in KRaft mode only (EmbeddedKafkaKraftBroker); no attribute needed.
@EmbeddedKafka(partitions = 1, topics = Topics.CLUSTER_COMMANDS)
abstract class NebulaScenario {

    static final String KEY_ENCRYPTION_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    /** Short, so that a new cluster that never gets healthy fails within a test; only such clusters notice it. */
    static final String GRACE_PERIOD = "4s";

    static final String OFFLINE_TOKEN = "offline-region-bearer-token-must-not-leak";
    static final Duration PATIENCE = Duration.ofSeconds(30);
    /**
     * Spring keeps the scenarios' Nebula up while other ITs run a Nebula of their own on other regions: each attempts
     * the waiting commands it finds in its database, so the scenarios' Nebula keeps its own.
     */
    static final String DATABASE = "nebula_scenarios";

    private static @Nullable KafkaProducer<String, byte[]> producer;
    static EventTopics topics;

    final MessageCodec codec = new MessageCodec();
    final KubernetesClient kubernetes = MockKubernetesApi.client();
    final Kubelet kubelet = new Kubelet(kubernetes);

    @LocalServerPort
    int port;

    @Autowired
    EmbeddedKafkaBroker broker;

    @DynamicPropertySource
    static void regions(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> NebulaDatabase.jdbcUrl(DATABASE));
        registry.add("spring.datasource.username", () -> "postgres");
        // The local run's region (the default configuration names none), on the mock by api-url, as the end-to-end test
        // has it.
        registry.add("nebula.providers.minikube.regions.local.kubernetes.api-url", MockKubernetesApi::url);
        registry.add("nebula.providers.minikube.regions.local.exposure", () -> "load-balancer");
        // A second region on the same API server, exposing clusters in-cluster.
        registry.add("nebula.providers.kind.regions.local.kubernetes.api-url", MockKubernetesApi::url);
        registry.add("nebula.providers.kind.regions.local.cluster-domain", () -> "kind.internal");
        // A region whose API is down.
        registry.add(
                "nebula.providers.offline.regions.nowhere.kubernetes.api-url",
                () -> "http://127.0.0.1:" + MockKubernetesApi.closedPort());
        registry.add("nebula.providers.offline.regions.nowhere.kubernetes.token", () -> OFFLINE_TOKEN);
        // A region with backup storage on the same API server (BackupJobsIT); its credentials Secret is
        // dbaas/backup-creds.
        registry.add("nebula.providers.backed.regions.local.kubernetes.api-url", MockKubernetesApi::url);
        registry.add("nebula.providers.backed.regions.local.backup-storage.type", () -> "s3");
        registry.add("nebula.providers.backed.regions.local.backup-storage.bucket", () -> "dbaas-backups");
        registry.add("nebula.providers.backed.regions.local.backup-storage.endpoint", () -> "http://127.0.0.1:9000");
        registry.add("nebula.providers.backed.regions.local.backup-storage.credentials-secret", () -> "backup-creds");
        registry.add("nebula.providers.backed.regions.local.backup-storage.credentials-namespace", () -> "dbaas");
        // A region on a separate API server of its own.
        registry.add("nebula.providers.far.regions.away.kubernetes.api-url", MockKubernetesApi::otherUrl);
    }

    /** Once per class, but after the context (and with it the broker) exists. */
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

    @AfterAll
    static void disconnect() {
        if (producer != null) {
            producer.close();
            producer = null;
        }
    }

    // ---- commands in ----

    void send(ClusterCommand command) {
        send(command.clusterId().toString(), codec.write(command));
    }

    static void send(String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(Topics.CLUSTER_COMMANDS, key, value))
                    .get();
        } catch (Exception e) {
            throw new AssertionError("could not send a command", e);
        }
    }

    // ---- events out ----

    <T extends ClusterEvent> T awaitEvent(UUID clusterId, Class<T> type) {
        return topics.awaitEvent(Topics.CLUSTER_EVENTS, clusterId, type);
    }

    /** The first event of one type that matches, once it has been published. */
    <T extends ClusterEvent> T awaitEvent(UUID clusterId, Class<T> type, Predicate<T> matching) {
        return await().atMost(PATIENCE)
                .until(() -> eventsOf(clusterId, type).stream().filter(matching).findFirst(), Optional::isPresent)
                .orElseThrow();
    }

    void awaitEventCount(UUID clusterId, Class<? extends ClusterEvent> type, long count) {
        await().atMost(PATIENCE).until(() -> eventsOf(clusterId, type).size() == count);
    }

    <T extends ClusterEvent> T awaitCausedBy(UUID clusterId, Class<T> type, UUID commandId) {
        ConsumerRecord<String, byte[]> record = topics.awaitRecord(Topics.CLUSTER_EVENTS, candidate -> {
            ClusterEvent event = codec.read(candidate.value(), ClusterEvent.class);
            return event.clusterId().equals(clusterId)
                    && type.isInstance(event)
                    && commandId.equals(event.metadata().causationId());
        });
        return type.cast(codec.read(record.value(), ClusterEvent.class));
    }

    /** Every event of the cluster so far, oldest first. */
    static List<ClusterEvent> events(UUID clusterId) {
        return topics.eventsOf(Topics.CLUSTER_EVENTS, clusterId);
    }

    /** The cluster's events of one type so far, oldest first. */
    static <T extends ClusterEvent> List<T> eventsOf(UUID clusterId, Class<T> type) {
        return events(clusterId).stream()
                .filter(type::isInstance)
                .map(type::cast)
                .toList();
    }

    /**
     * Waits until the watch of the region has handled everything that happened in it so far, so that a scenario can
     * tell that something did not happen without waiting for a fixed time.
     */
    void awaitWatchCaughtUp(String provider, String region) {
        WatchSentinel.of(this, provider, region).awaitCaughtUp();
    }

    /** As {@link #awaitWatchCaughtUp}, and also every restore that what happened so far asked for is done. */
    void awaitRestoresCaughtUp(String provider, String region) {
        WatchSentinel.of(this, provider, region).awaitRestoresCaughtUp();
    }

    // ---- the cluster's objects ----

    /** Provisions {@code command}'s cluster, plays the kubelet until it runs, and waits for it to be announced. */
    String runningCluster(ProvisionDBCluster command) {
        send(command);
        String namespace = ResourceNames.namespace(command.clusterId());
        awaitStatefulSet(namespace);
        kubelet.runAllReady(namespace, ResourceNames.QDRANT_STATEFUL_SET);
        awaitEvent(command.clusterId(), ClusterProvisioned.class);
        awaitAnnounced(namespace, command.id());
        return namespace;
    }

    /** Waits until the watch recorded on the StatefulSet that {@code commandId}'s completion was announced. */
    void awaitAnnounced(String namespace, UUID commandId) {
        await().atMost(PATIENCE).until(() -> commandId
                .toString()
                .equals(awaitStatefulSet(namespace)
                        .getMetadata()
                        .getAnnotations()
                        .get(Annotations.ANNOUNCED_COMMAND)));
    }

    StatefulSet awaitStatefulSet(String namespace) {
        return awaitStatefulSet(namespace, ResourceNames.QDRANT_STATEFUL_SET);
    }

    StatefulSet awaitStatefulSet(String namespace, String name) {
        return await().atMost(PATIENCE)
                .until(
                        () -> kubernetes
                                .apps()
                                .statefulSets()
                                .inNamespace(namespace)
                                .withName(name)
                                .get(),
                        statefulSet -> statefulSet != null);
    }

    List<StatefulSet> statefulSetsIn(String namespace) {
        return kubernetes.apps().statefulSets().inNamespace(namespace).list().getItems();
    }

    /**
     * What the StatefulSet controller would report once every pod passed its readiness probe; the pods themselves are
     * not created.
     */
    void markReady(String namespace, int replicas) {
        markReady(namespace, ResourceNames.QDRANT_STATEFUL_SET, replicas);
    }

    void markReady(String namespace, String name, int replicas) {
        awaitStatefulSet(namespace, name);
        kubelet.setStatus(namespace, name, replicas, replicas);
    }

    @Nullable
    Secret masterKeySecret(String namespace) {
        return secret(namespace, ResourceNames.QDRANT_MASTER_KEY_SECRET);
    }

    @Nullable
    Secret secret(String namespace, String name) {
        return kubernetes.secrets().inNamespace(namespace).withName(name).get();
    }
}
