package io.dbaas.nebula;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dbaas.contracts.Engine;
import io.dbaas.contracts.MessageCodec;
import io.dbaas.contracts.MessageMetadata;
import io.dbaas.contracts.Topics;
import io.dbaas.contracts.command.DbConfiguration;
import io.dbaas.contracts.command.NodeConfiguration;
import io.dbaas.contracts.command.ProvisionDBCluster;
import io.dbaas.contracts.event.ClusterCommandDeferred;
import io.dbaas.contracts.event.ClusterProvisioned;
import io.dbaas.nebula.kubernetes.model.Annotations;
import io.dbaas.nebula.kubernetes.model.ResourceNames;
import io.dbaas.nebula.security.tls.CertificateAuthority;
import io.dbaas.nebula.support.EventTopics;
import io.dbaas.nebula.support.Kubelet;
import io.dbaas.nebula.support.MockKubernetesApi;
import io.dbaas.nebula.support.NebulaDatabase;
import io.dbaas.nebula.support.PrometheusScrape;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Nebula's own meters as Prometheus scrapes them from {@code /actuator/prometheus}, after a real provisioning on
 * fabric8's CRUD mock in one region and a command kept waiting for a second region whose API is down: every name of
 * docs/operations/nebula-metrics.md, with its tags and a value that says what happened.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
            "dbaas.key-encryption-key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
            "logging.level.io.fabric8.mockwebserver=WARN",
        })
@EmbeddedKafka(partitions = 1, topics = Topics.CLUSTER_COMMANDS)
class MetricsIT {

    private static final String DATABASE = "nebula_metrics";

    /** A region of its own on the shared mock, so that other tests' clusters are not counted here. */
    private static final Map<String, String> UP = Map.of("provider", "minikube", "region", "metrics");

    private static final Map<String, String> DOWN = Map.of("provider", "offline", "region", "nowhere");

    /** Another region of its own, for a cluster deleted by another Nebula instance. */
    private static final Map<String, String> ELSEWHERE = Map.of("provider", "minikube", "region", "elsewhere");

    private static final Map<String, String> RUNNING_QDRANT = Map.of("engine", "qdrant", "state", "running");

    private final MessageCodec codec = new MessageCodec();
    private final Kubelet kubelet = new Kubelet(MockKubernetesApi.client());

    @LocalServerPort
    int port;

    @Autowired
    EmbeddedKafkaBroker broker;

    @DynamicPropertySource
    static void regions(DynamicPropertyRegistry registry) {
        // A database of its own: Spring keeps this Nebula up while other ITs run theirs, on other regions, and each
        // attempts the waiting commands it finds in its database.
        registry.add("spring.datasource.url", () -> NebulaDatabase.jdbcUrl(DATABASE));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("nebula.providers.minikube.regions.metrics.kubernetes.api-url", MockKubernetesApi::url);
        registry.add("nebula.providers.minikube.regions.elsewhere.kubernetes.api-url", MockKubernetesApi::url);
        registry.add(
                "nebula.providers.offline.regions.nowhere.kubernetes.api-url",
                () -> "http://127.0.0.1:" + MockKubernetesApi.closedPort());
    }

    @Test
    void everyMeterOfTheContractIsScrapedWithItsTagsAfterARealProvisioning() {
        EventTopics topics = new EventTopics(broker.getBrokersAsString());
        ProvisionDBCluster provisioned = provision("minikube", "metrics");
        ProvisionDBCluster waiting = provision("offline", "nowhere");
        send(provisioned);
        send(waiting);
        String namespace = ResourceNames.namespace(provisioned.clusterId());
        awaitStatefulSet(namespace);
        kubelet.setStatus(namespace, ResourceNames.QDRANT_STATEFUL_SET, 1, 1);
        topics.awaitEvent(Topics.CLUSTER_EVENTS, provisioned.clusterId(), ClusterProvisioned.class);
        topics.awaitEvent(Topics.CLUSTER_EVENTS, waiting.clusterId(), ClusterCommandDeferred.class);

        // The region gauges follow the watches, which connect (or keep failing) on their own time; the waiting commands
        // are counted at most every 10 s, and another test of this class may have had them counted before.
        PrometheusScrape scrape = await().atMost(Duration.ofSeconds(30))
                .until(
                        this::scrape,
                        found -> found.value("nebula_region_reachable", UP) == 1
                                && found.value("nebula_watches_restarted_total", DOWN) > 0
                                && found.value("nebula_clusters", RUNNING_QDRANT) >= 1
                                && found.value("nebula_commands_waiting", Map.of()) >= 1);

        assertThat(scrape.value("nebula_reconciles_seconds_count", reconciles(UP, "qdrant", "succeeded")))
                .isGreaterThanOrEqualTo(1);
        assertThat(scrape.value("nebula_reconciles_seconds_sum", reconciles(UP, "qdrant", "succeeded")))
                .isPositive();
        assertThat(scrape.samples("nebula_reconciles_seconds_bucket", reconciles(UP, "qdrant", "succeeded")))
                .as("SLO buckets for a latency objective")
                .hasSizeGreaterThan(5);
        assertThat(scrape.samples("nebula_reconciles_seconds_max", reconciles(UP, "qdrant", "succeeded")))
                .hasSize(1);
        assertThat(scrape.value("nebula_reconciles_seconds_count", reconciles(UP, "qdrant", "failed")))
                .as("every outcome is there from the start, at zero")
                .isZero();
        assertThat(scrape.value("nebula_reconciles_seconds_count", reconciles(DOWN, "qdrant", "deferred")))
                .isGreaterThanOrEqualTo(1);

        assertThat(scrape.value("nebula_commands_waiting", Map.of()))
                .as("the command for the region that is down waits in pending_commands")
                .isGreaterThanOrEqualTo(1);

        assertThat(scrape.value("nebula_region_reachable", DOWN)).isZero();
        assertThat(scrape.samples("nebula_watches_restarted_total", UP)).hasSize(1);

        for (String engine : new String[] {"qdrant", "elasticsearch"}) {
            for (String state : new String[] {"provisioning", "running", "degraded", "failed", "deleting"}) {
                assertThat(scrape.samples("nebula_clusters", Map.of("engine", engine, "state", state)))
                        .as("nebula_clusters{engine=%s,state=%s}", engine, state)
                        .hasSize(1);
            }
        }

        double expiry = scrape.value("nebula_certificates_earliest_expiry_seconds", UP);
        assertThat(expiry)
                .as("the new cluster's node certificate, valid for %s", CertificateAuthority.NODE_VALIDITY)
                .isPositive()
                .isLessThanOrEqualTo(CertificateAuthority.NODE_VALIDITY.toSeconds());
        assertThat(scrape.value("nebula_certificates_earliest_expiry_seconds", DOWN))
                .as("no certificate in a region without clusters: no data")
                .isNaN();
        assertThat(scrape.samples().stream()
                        .filter(sample -> sample.name().startsWith("nebula_"))
                        .toList())
                .as("no cluster id as a tag")
                .allSatisfy(sample -> assertThat(sample.labels()).doesNotContainKey("cluster"));
    }

    @Test
    void aClusterDeletedByAnotherNebulaInstanceIsNoLongerCountedNorItsCertificates() {
        EventTopics topics = new EventTopics(broker.getBrokersAsString());
        double runningBefore = scrape().value("nebula_clusters", RUNNING_QDRANT);
        ProvisionDBCluster command = provision("minikube", "elsewhere");
        send(command);
        String namespace = ResourceNames.namespace(command.clusterId());
        awaitStatefulSet(namespace);
        kubelet.setStatus(namespace, ResourceNames.QDRANT_STATEFUL_SET, 1, 1);
        topics.awaitEvent(Topics.CLUSTER_EVENTS, command.clusterId(), ClusterProvisioned.class);
        await().atMost(Duration.ofSeconds(30))
                .until(this::scrape, found -> found.value("nebula_clusters", RUNNING_QDRANT) == runningBefore + 1);
        assertThat(scrape().value("nebula_certificates_earliest_expiry_seconds", ELSEWHERE))
                .isPositive();

        // What another instance's deletion does first: mark the namespace, then remove the nodes.
        MockKubernetesApi.client().namespaces().withName(namespace).edit(live -> {
            live.getMetadata().getAnnotations().put(Annotations.DELETING, "true");
            return live;
        });
        MockKubernetesApi.client()
                .apps()
                .statefulSets()
                .inNamespace(namespace)
                .withName(ResourceNames.QDRANT_STATEFUL_SET)
                .delete();

        PrometheusScrape after = await().atMost(Duration.ofSeconds(30))
                .until(this::scrape, found -> found.value("nebula_clusters", RUNNING_QDRANT) == runningBefore);
        assertThat(after.value("nebula_certificates_earliest_expiry_seconds", ELSEWHERE))
                .as("no certificate left to count in that region")
                .isNaN();
    }

    private void awaitStatefulSet(String namespace) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> MockKubernetesApi.client()
                                .apps()
                                .statefulSets()
                                .inNamespace(namespace)
                                .withName(ResourceNames.QDRANT_STATEFUL_SET)
                                .get()
                        != null);
    }

    private PrometheusScrape scrape() {
        return PrometheusScrape.of("http://127.0.0.1:" + port + "/actuator/prometheus");
    }

    private static Map<String, String> reconciles(Map<String, String> region, String engine, String outcome) {
        return Map.of(
                "provider",
                region.get("provider"),
                "region",
                region.get("region"),
                "engine",
                engine,
                "outcome",
                outcome);
    }

    private ProvisionDBCluster provision(String provider, String region) {
        UUID clusterId = UUID.randomUUID();
        return new ProvisionDBCluster(
                UUID.randomUUID(),
                Instant.now(),
                MessageMetadata.startingChain(UUID.randomUUID()),
                UUID.randomUUID(),
                provider,
                region,
                clusterId,
                "vectors",
                Engine.QDRANT,
                "1.13.4",
                new DbConfiguration(
                        clusterId + "." + region + "." + provider + ".dbaas.test",
                        1,
                        new NodeConfiguration("500m", "1Gi", "10Gi")));
    }

    private void send(ProvisionDBCluster command) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        broker.getBrokersAsString(),
                        ProducerConfig.ACKS_CONFIG,
                        "all"),
                new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(
                            Topics.CLUSTER_COMMANDS, command.clusterId().toString(), codec.write(command)))
                    .get();
        } catch (Exception e) {
            throw new AssertionError("could not send a command", e);
        }
    }
}
