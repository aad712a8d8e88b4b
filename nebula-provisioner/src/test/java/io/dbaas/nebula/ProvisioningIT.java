package io.dbaas.nebula;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dbaas.contracts.Engine;
import io.dbaas.contracts.MessageCodec;
import io.dbaas.contracts.MessageMetadata;
import io.dbaas.contracts.Topics;
import io.dbaas.contracts.command.ClusterCommand;
import io.dbaas.contracts.command.ClusterSpecCommand;
import io.dbaas.contracts.command.DbConfiguration;
import io.dbaas.contracts.command.DeleteDBCluster;
import io.dbaas.contracts.command.NodeConfiguration;
import io.dbaas.contracts.command.ProvisionDBCluster;
import io.dbaas.contracts.command.ScaleDBCluster;
import io.dbaas.contracts.command.UpgradeDBCluster;
import io.dbaas.contracts.event.ClusterChangeFailed;
import io.dbaas.contracts.event.ClusterCommandDeferred;
import io.dbaas.contracts.event.ClusterDegraded;
import io.dbaas.contracts.event.ClusterDeleted;
import io.dbaas.contracts.event.ClusterDeletionStarted;
import io.dbaas.contracts.event.ClusterEvent;
import io.dbaas.contracts.event.ClusterFailed;
import io.dbaas.contracts.event.ClusterProvisioned;
import io.dbaas.contracts.event.ClusterProvisioningStarted;
import io.dbaas.contracts.event.ClusterRecovered;
import io.dbaas.contracts.event.ClusterUpdated;
import io.dbaas.contracts.event.ServiceAddress;
import io.dbaas.contracts.security.MasterKeyCipher;
import io.dbaas.nebula.events.EventIds;
import io.dbaas.nebula.kubernetes.model.Annotations;
import io.dbaas.nebula.kubernetes.model.ClusterCertificates;
import io.dbaas.nebula.kubernetes.model.ElasticsearchNames;
import io.dbaas.nebula.kubernetes.model.MasterKeySecrets;
import io.dbaas.nebula.kubernetes.model.ResourceNames;
import io.dbaas.nebula.kubernetes.model.SecretEntries;
import io.dbaas.nebula.support.EventTopics;
import io.dbaas.nebula.support.Kubelet;
import io.dbaas.nebula.support.MockKubernetesApi;
import io.dbaas.nebula.support.NebulaDatabase;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Nebula as it runs: a real (embedded, KRaft) Kafka broker, fabric8's CRUD mock as the Kubernetes API of two regions,
 * and a third region whose API is down. Commands go in as bytes; events come out as bytes.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
            "dbaas.key-encryption-key=" + ProvisioningIT.KEY_ENCRYPTION_KEY,
            "nebula.kubernetes-retry.initial-delay=50ms",
            "nebula.status.provisioning-grace-period=" + ProvisioningIT.GRACE_PERIOD,
            "logging.level.io.fabric8.mockwebserver=WARN",
        })
// spring-kafka 4 runs the embedded broker in KRaft mode only (EmbeddedKafkaKraftBroker); no attribute needed.
@EmbeddedKafka(partitions = 1, topics = Topics.CLUSTER_COMMANDS)
class ProvisioningIT {

    static final String KEY_ENCRYPTION_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    /** Short, so that a new cluster that never gets healthy fails within a test; only such clusters notice it. */
    static final String GRACE_PERIOD = "4s";

    private static final String OFFLINE_TOKEN = "offline-region-bearer-token-must-not-leak";
    private static final String LB_IP = "10.20.30.40";

    private static @Nullable KafkaProducer<String, byte[]> producer;
    private static EventTopics topics;

    private final MessageCodec codec = new MessageCodec();
    private final KubernetesClient kubernetes = MockKubernetesApi.client();
    private final Kubelet kubelet = new Kubelet(kubernetes);

    @LocalServerPort
    int port;

    @Autowired
    EmbeddedKafkaBroker broker;

    @DynamicPropertySource
    static void regions(DynamicPropertyRegistry registry) {
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

    @Test
    void provisionsAQdrantClusterAndAnnouncesItOnceItsPodsAndLoadBalancerAreReady() {
        ProvisionDBCluster command = provision("minikube", "local", 3);
        send(command);

        ClusterProvisioningStarted started = awaitEvent(command.clusterId(), ClusterProvisioningStarted.class);
        assertThat(started.metadata().correlationId())
                .isEqualTo(command.metadata().correlationId());
        assertThat(started.metadata().causationId()).isEqualTo(command.id());

        String namespace = ResourceNames.namespace(command.clusterId());
        StatefulSet statefulSet = awaitStatefulSet(namespace);
        assertThat(statefulSet.getSpec().getReplicas()).isEqualTo(3);
        assertThat(kubernetes
                        .services()
                        .inNamespace(namespace)
                        .withName(ResourceNames.QDRANT_CLIENT_SERVICE)
                        .get()
                        .getSpec()
                        .getType())
                .isEqualTo("LoadBalancer");

        markReady(namespace, 3);
        // Pods ready, but no load-balancer address yet: nothing to announce.
        pause(Duration.ofSeconds(1));
        assertThat(events(command.clusterId())).noneMatch(ClusterProvisioned.class::isInstance);

        assignLoadBalancerIp(namespace, LB_IP);
        ClusterProvisioned provisioned = awaitEvent(command.clusterId(), ClusterProvisioned.class);

        assertThat(provisioned.clusterEndpoint())
                .isEqualTo(command.dbConfiguration().clusterEndpoint());
        assertThat(provisioned.internalAddress()).isEqualTo(new ServiceAddress("https", LB_IP, 6333));
        assertThat(provisioned.nodesReady()).isEqualTo(3);
        Secret ca = secret(namespace, ResourceNames.QDRANT_CA_SECRET);
        assertThat(provisioned.upstreamCaCertificate())
                .as("GateKeeper trusts the Qdrant cluster's own CA, and gets its certificate only")
                .isEqualTo(SecretEntries.read(ca, ClusterCertificates.CA_CERTIFICATE_ENTRY)
                        .orElseThrow())
                .doesNotContain("PRIVATE KEY");
        assertThat(provisioned.metadata().correlationId())
                .isEqualTo(command.metadata().correlationId());
        assertThat(provisioned.metadata().causationId()).isEqualTo(command.id());
        assertThat(MasterKeyCipher.fromBase64(KEY_ENCRYPTION_KEY)
                        .eventAuthentication()
                        .isAuthentic(provisioned))
                .as("signed by Nebula: GateKeeper and Orion refuse it otherwise")
                .isTrue();
        String masterKey =
                MasterKeySecrets.masterKey(masterKeySecret(namespace)).orElseThrow();
        assertThat(MasterKeyCipher.fromBase64(KEY_ENCRYPTION_KEY)
                        .open(command.clusterId(), provisioned.sealedMasterKey()))
                .isEqualTo(masterKey);
        String stored = NebulaDatabase.jdbc()
                .sql("select sealed_key from sealed_master_keys where cluster_id = :cluster")
                .param("cluster", command.clusterId())
                .query(String.class)
                .single();
        assertThat(stored)
                .as("Nebula's database holds the key sealed, never in clear")
                .doesNotContain(masterKey);
        assertThat(MasterKeyCipher.fromBase64(KEY_ENCRYPTION_KEY).open(command.clusterId(), stored))
                .isEqualTo(masterKey);
    }

    /**
     * A cluster whose pods an earlier Nebula rendered without TLS is announced with {@code http} while any of them runs,
     * and announced again, over {@code https} with its CA, once every pod serves TLS: GateKeeper follows the pods.
     */
    @Test
    void aClusterIsAnnouncedOverHttpWhilePodsWithoutTlsRunAndAgainOverHttpsOnceEveryPodServesTls() {
        ProvisionDBCluster command = provision("kind", "local", 2);
        send(command);
        String namespace = ResourceNames.namespace(command.clusterId());
        StatefulSet statefulSet = awaitStatefulSet(namespace);
        StatefulSet renderedBeforeTls = withoutTls(statefulSet);
        kubelet.runPod(renderedBeforeTls, 0, Kubelet.ready());
        kubelet.runPod(renderedBeforeTls, 1, Kubelet.ready());
        markReady(namespace, 2);

        ClusterProvisioned plain =
                awaitEvent(command.clusterId(), ClusterProvisioned.class, event -> event.internalAddress()
                        .scheme()
                        .equals("http"));
        kubelet.runPod(statefulSet, 0, Kubelet.ready());
        pause(Duration.ofSeconds(1));
        assertThat(eventsOf(command.clusterId(), ClusterProvisioned.class))
                .as("one pod still serves plain HTTP: GateKeeper keeps speaking HTTP")
                .allSatisfy(
                        event -> assertThat(event.internalAddress().scheme()).isEqualTo("http"));
        kubelet.runPod(statefulSet, 1, Kubelet.ready());
        ClusterProvisioned overTls =
                awaitEvent(command.clusterId(), ClusterProvisioned.class, event -> event.internalAddress()
                        .scheme()
                        .equals("https"));

        assertThat(overTls.internalAddress())
                .isEqualTo(new ServiceAddress("https", "qdrant." + namespace + ".svc.kind.internal", 6333));
        assertThat(overTls.id()).isNotEqualTo(plain.id());
        assertThat(overTls.metadata().causationId())
                .as("it completes no command")
                .isNull();
        assertThat(overTls.upstreamCaCertificate())
                .isEqualTo(SecretEntries.read(
                                secret(namespace, ResourceNames.QDRANT_CA_SECRET),
                                ClusterCertificates.CA_CERTIFICATE_ENTRY)
                        .orElseThrow());
        assertThat(MasterKeyCipher.fromBase64(KEY_ENCRYPTION_KEY)
                        .eventAuthentication()
                        .isAuthentic(overTls))
                .isTrue();
        await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> kubelet.statefulSet(namespace, ResourceNames.QDRANT_STATEFUL_SET)
                                .getMetadata()
                                .getAnnotations()
                                .get(Annotations.ANNOUNCED_ADDRESS),
                        overTls.internalAddress().toUri().toString()::equals);
    }

    @Test
    void aRedeliveredCommandChangesNothingAndRepeatsTheSameEvents() {
        ProvisionDBCluster command = provision("kind", "local", 1);
        send(command);
        String namespace = ResourceNames.namespace(command.clusterId());
        awaitStatefulSet(namespace);
        markReady(namespace, 1);
        ClusterProvisioned provisioned = awaitEvent(command.clusterId(), ClusterProvisioned.class);
        String masterKey =
                MasterKeySecrets.masterKey(masterKeySecret(namespace)).orElseThrow();

        send(command);
        awaitEventCount(command.clusterId(), ClusterProvisioningStarted.class, 2);

        assertThat(provisioned.internalAddress())
                .isEqualTo(new ServiceAddress("https", "qdrant." + namespace + ".svc.kind.internal", 6333));
        assertThat(eventsOf(command.clusterId(), ClusterProvisioningStarted.class).stream()
                        .map(ClusterEvent::id)
                        .distinct())
                .hasSize(1);
        assertThat(statefulSetsIn(namespace)).hasSize(1);
        assertThat(kubernetes.secrets().inNamespace(namespace).list().getItems())
                .extracting(secret -> secret.getMetadata().getName())
                .containsExactlyInAnyOrder(
                        ResourceNames.QDRANT_MASTER_KEY_SECRET,
                        ResourceNames.QDRANT_CA_SECRET,
                        ResourceNames.QDRANT_CERTIFICATES_SECRET);
        assertThat(MasterKeySecrets.masterKey(masterKeySecret(namespace))).contains(masterKey);
    }

    @Test
    void aMalformedRecordGoesToTheDeadLetterTopicAndTheNextCommandIsStillHandled() {
        UUID clusterId = UUID.randomUUID();
        byte[] garbage = ("{\"name\":\"ProvisionDBCluster\",\"id\":\"not-a-uuid\",\"marker\":\"" + clusterId + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        send(clusterId.toString(), garbage);
        ProvisionDBCluster next = provision("aws", "eu-west-1", 1);
        send(next);

        topics.awaitRecord(Topics.CLUSTER_COMMANDS_DEAD_LETTER, record -> Arrays.equals(record.value(), garbage));
        awaitEvent(next.clusterId(), ClusterFailed.class);
    }

    @Test
    void aCommandForAnUnconfiguredRegionFailsWithAPlainReason() {
        ProvisionDBCluster command = provision("aws", "eu-west-1", 3);
        send(command);

        ClusterFailed failed = awaitEvent(command.clusterId(), ClusterFailed.class);

        assertThat(failed.reason()).isEqualTo("No Kubernetes API is configured for aws/eu-west-1.");
        assertThat(failed.metadata().causationId()).isEqualTo(command.id());
    }

    @Test
    void provisionsAnElasticsearchClusterAndAnnouncesTheElasticPasswordAsItsMasterKey() {
        ProvisionDBCluster command = provision("kind", "local", 3, Engine.ELASTICSEARCH);
        send(command);
        String namespace = ResourceNames.namespace(command.clusterId());
        awaitStatefulSet(namespace, ElasticsearchNames.STATEFUL_SET);
        assertThat(kubernetes.secrets().inNamespace(namespace).list().getItems())
                .extracting(secret -> secret.getMetadata().getName())
                .containsExactlyInAnyOrder(
                        ElasticsearchNames.ELASTIC_USER_SECRET,
                        ElasticsearchNames.CA_SECRET,
                        ElasticsearchNames.CERTIFICATES_SECRET,
                        ElasticsearchNames.INTERNAL_USERS_SECRET);

        markReady(namespace, ElasticsearchNames.STATEFUL_SET, 3);
        ClusterProvisioned provisioned = awaitEvent(command.clusterId(), ClusterProvisioned.class);

        assertThat(provisioned.internalAddress())
                .isEqualTo(new ServiceAddress("https", "elasticsearch." + namespace + ".svc.kind.internal", 9200));
        String elasticPassword = MasterKeySecrets.masterKey(
                        secret(namespace, ElasticsearchNames.ELASTIC_USER_SECRET),
                        ElasticsearchNames.ELASTIC_USER_ENTRY)
                .orElseThrow();
        assertThat(MasterKeyCipher.fromBase64(KEY_ENCRYPTION_KEY)
                        .open(command.clusterId(), provisioned.sealedMasterKey()))
                .isEqualTo(elasticPassword);
        Secret ca = secret(namespace, ElasticsearchNames.CA_SECRET);
        String caCertificate =
                SecretEntries.read(ca, ElasticsearchNames.CA_CERTIFICATE_ENTRY).orElseThrow();
        String caKey = SecretEntries.read(ca, ElasticsearchNames.CA_KEY_ENTRY).orElseThrow();
        assertThat(provisioned.upstreamCaCertificate())
                .as("GateKeeper trusts the cluster's own CA, and gets its certificate only")
                .isEqualTo(caCertificate)
                .startsWith("-----BEGIN CERTIFICATE-----")
                .doesNotContain("PRIVATE KEY")
                .doesNotContain(caKey.strip());
    }

    @Test
    void aCommandForARegionWhoseApiIsDownWaitsForItSayingSoWithoutSecrets() {
        ProvisionDBCluster command = provision("offline", "nowhere", 3);
        send(command);

        ClusterCommandDeferred waiting = awaitEvent(command.clusterId(), ClusterCommandDeferred.class);

        assertThat(waiting.reason())
                .startsWith("Waiting for the Kubernetes API of offline/nowhere, next attempt at ")
                .contains("The Kubernetes API of offline/nowhere (http://127.0.0.1:")
                .contains("is unreachable: Connection refused")
                .doesNotContain(OFFLINE_TOKEN)
                .doesNotContain(KEY_ENCRYPTION_KEY);
        assertThat(waiting.attempts()).isEqualTo(1);
        assertThat(events(command.clusterId()))
                .extracting(ClusterEvent::name)
                .startsWith(ClusterProvisioningStarted.NAME, ClusterCommandDeferred.NAME)
                .doesNotContain(ClusterFailed.NAME);
    }

    @Test
    void healthAndPrometheusEndpointsAnswer() throws Exception {
        HttpClient http = HttpClient.newHttpClient();

        HttpResponse<String> health = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> prometheus = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body()).contains("jvm_memory_used_bytes");
    }

    @Test
    void twoRegionsOnSeparateApiServersEachReceiveOnlyTheirOwnCluster() {
        ProvisionDBCluster here = provision("kind", "local", 1);
        ProvisionDBCluster away = provision("far", "away", 1);
        send(here);
        send(away);

        awaitStatefulSet(ResourceNames.namespace(here.clusterId()));
        KubernetesClient other = MockKubernetesApi.otherClient();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> other.apps()
                                .statefulSets()
                                .inNamespace(ResourceNames.namespace(away.clusterId()))
                                .withName(ResourceNames.QDRANT_STATEFUL_SET)
                                .get()
                        != null);

        assertThat(kubernetes
                        .namespaces()
                        .withName(ResourceNames.namespace(away.clusterId()))
                        .get())
                .isNull();
        assertThat(other.namespaces()
                        .withName(ResourceNames.namespace(here.clusterId()))
                        .get())
                .isNull();
    }

    @Test
    void aScaleOutIsAnnouncedUpdatedOnceEveryPodIsReadyAtTheNewShape() {
        ProvisionDBCluster command = provision("kind", "local", 1);
        String namespace = runningCluster(command);

        ScaleDBCluster scale = scale(command, 3, "1.13.4");
        send(scale);
        awaitReplicas(namespace, 3);
        pause(Duration.ofSeconds(1));
        assertThat(events(command.clusterId())).noneMatch(ClusterUpdated.class::isInstance);
        kubelet.runAllReady(namespace, ResourceNames.QDRANT_STATEFUL_SET);

        ClusterUpdated updated = awaitEvent(command.clusterId(), ClusterUpdated.class);
        assertThat(updated.numNodes()).isEqualTo(3);
        assertThat(updated.nodesReady()).isEqualTo(3);
        assertThat(updated.clusterVersion()).isEqualTo("1.13.4");
        assertThat(updated.metadata().causationId()).isEqualTo(scale.id());
    }

    @Test
    void anUpgradeIsAnnouncedOnlyOnceEveryPodRunsTheNewVersion() {
        ProvisionDBCluster command = provision("kind", "local", 2);
        String namespace = runningCluster(command);

        ScaleDBCluster upgrade = scale(command, 2, "1.14.0");
        send(upgrade);
        awaitImage(namespace, "docker.io/qdrant/qdrant:v1.14.0");
        // The StatefulSet's counters still say 2 of 2 ready, but the pods run the old image.
        pause(Duration.ofSeconds(1));
        assertThat(events(command.clusterId())).noneMatch(ClusterUpdated.class::isInstance);

        kubelet.runAllReady(namespace, ResourceNames.QDRANT_STATEFUL_SET);

        ClusterUpdated updated = awaitEvent(command.clusterId(), ClusterUpdated.class);
        assertThat(updated.clusterVersion()).isEqualTo("1.14.0");
    }

    @Test
    void aCrashLoopingPodDegradesARunningClusterAndReadyPodsRecoverIt() {
        ProvisionDBCluster command = provision("kind", "local", 2);
        String namespace = runningCluster(command);

        kubelet.crashLoop(namespace, "qdrant-1", 5);
        kubelet.setStatus(namespace, ResourceNames.QDRANT_STATEFUL_SET, 2, 1);

        String crashing = "Pod qdrant-1, container qdrant: CrashLoopBackOff (restarted 5 times, last exit: OOMKilled)";
        // The pod and the StatefulSet come through separate watches: "1 of 2 nodes are ready." may come first.
        ClusterDegraded degraded = awaitEvent(command.clusterId(), ClusterDegraded.class, event -> event.reason()
                .equals(crashing));
        assertThat(degraded.nodesReady()).isEqualTo(1);

        kubelet.runAllReady(namespace, ResourceNames.QDRANT_STATEFUL_SET);

        awaitEvent(command.clusterId(), ClusterRecovered.class);
        // One event per condition: never the same reason twice in a row.
        assertThat(eventsOf(command.clusterId(), ClusterDegraded.class).stream().map(ClusterDegraded::reason))
                .doesNotHaveDuplicates()
                .contains(crashing);
    }

    @Test
    void anObjectDeletedByHandIsRestoredByTheWatch() {
        ProvisionDBCluster command = provision("kind", "local", 1);
        send(command);
        String namespace = ResourceNames.namespace(command.clusterId());
        awaitStatefulSet(namespace);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> kubernetes
                                .network()
                                .v1()
                                .networkPolicies()
                                .inNamespace(namespace)
                                .list()
                                .getItems()
                                .size()
                        == 1);

        kubernetes
                .network()
                .v1()
                .networkPolicies()
                .inNamespace(namespace)
                .withName(ResourceNames.QDRANT_NETWORK_POLICY)
                .delete();
        kubernetes
                .services()
                .inNamespace(namespace)
                .withName(ResourceNames.QDRANT_CLIENT_SERVICE)
                .delete();

        await().atMost(Duration.ofSeconds(30))
                .until(() -> kubernetes
                                        .network()
                                        .v1()
                                        .networkPolicies()
                                        .inNamespace(namespace)
                                        .withName(ResourceNames.QDRANT_NETWORK_POLICY)
                                        .get()
                                != null
                        && kubernetes
                                        .services()
                                        .inNamespace(namespace)
                                        .withName(ResourceNames.QDRANT_CLIENT_SERVICE)
                                        .get()
                                != null);
    }

    @Test
    void aDeleteRemovesTheClusterAndIsAnnouncedAndARedeliveryRepeatsTheSameEvents() {
        ProvisionDBCluster command = provision("kind", "local", 1);
        send(command);
        String namespace = ResourceNames.namespace(command.clusterId());
        awaitStatefulSet(namespace);

        DeleteDBCluster delete = new DeleteDBCluster(
                UUID.randomUUID(),
                Instant.now(),
                command.metadata(),
                command.accountId(),
                "kind",
                "local",
                command.clusterId(),
                Engine.QDRANT);
        send(delete);
        ClusterDeleted deleted = awaitEvent(command.clusterId(), ClusterDeleted.class);
        send(delete);
        awaitEventCount(command.clusterId(), ClusterDeleted.class, 2);

        assertThat(deleted.metadata().causationId()).isEqualTo(delete.id());
        assertThat(kubernetes.namespaces().withName(namespace).get()).isNull();
        assertThat(statefulSetsIn(namespace)).isEmpty();
        assertThat(events(command.clusterId()).stream()
                        .filter(event -> event instanceof ClusterDeleted || event instanceof ClusterDeletionStarted)
                        .map(ClusterEvent::id)
                        .distinct())
                .hasSize(2);
        // Nothing the watch saw disappear was brought back.
        pause(Duration.ofSeconds(1));
        assertThat(kubernetes.namespaces().withName(namespace).get()).isNull();
    }

    @Test
    void anUpgradeOverTheBrokerRollsThePodsOneAtATimeAndIsAnnouncedOnceEveryPodRunsTheNewVersion() {
        ProvisionDBCluster command = provision("kind", "local", 2);
        String namespace = runningCluster(command);

        UpgradeDBCluster upgrade = upgrade(command, "1.13.4", "1.14.0");
        send(upgrade);
        StatefulSet upgraded = awaitImage(namespace, "docker.io/qdrant/qdrant:v1.14.0");
        assertThat(upgraded.getSpec().getUpdateStrategy().getType()).isEqualTo("RollingUpdate");
        assertThat(upgraded.getSpec().getUpdateStrategy().getRollingUpdate().getPartition())
                .isZero();
        assertThat(upgraded.getSpec().getReplicas()).isEqualTo(2);

        // The StatefulSet controller replaces the highest ordinal first; the other pod still runs 1.13.4. Its counters
        // say 2 of 2 ready all along.
        kubelet.runPod(upgraded, 1, Kubelet.ready());
        kubelet.setStatus(namespace, ResourceNames.QDRANT_STATEFUL_SET, 2, 2);
        pause(Duration.ofSeconds(1));
        assertThat(events(command.clusterId()))
                .as("one pod of two runs 1.14.0: the upgrade is not done")
                .noneMatch(ClusterUpdated.class::isInstance)
                .noneMatch(ClusterDegraded.class::isInstance);

        kubelet.runPod(upgraded, 0, Kubelet.ready());
        kubelet.setStatus(namespace, ResourceNames.QDRANT_STATEFUL_SET, 2, 2);
        ClusterUpdated updated = awaitEvent(command.clusterId(), ClusterUpdated.class);

        assertThat(updated.clusterVersion()).isEqualTo("1.14.0");
        assertThat(updated.numNodes()).isEqualTo(2);
        assertThat(updated.nodesReady()).isEqualTo(2);
        assertThat(updated.id()).isEqualTo(EventIds.of(upgrade.id(), ClusterUpdated.NAME));
        assertThat(updated.metadata().causationId()).isEqualTo(upgrade.id());
        assertThat(updated.metadata().correlationId())
                .isEqualTo(upgrade.metadata().correlationId());
    }

    @Test
    void aDowngradeOverTheBrokerIsAChangeFailedWithItsReasonAndTheStatefulSetIsUntouched() {
        ProvisionDBCluster command = provision("kind", "local", 2);
        String namespace = runningCluster(command);
        UpgradeDBCluster upgrade = upgrade(command, "1.13.4", "1.14.0");
        send(upgrade);
        awaitImage(namespace, "docker.io/qdrant/qdrant:v1.14.0");
        kubelet.runAllReady(namespace, ResourceNames.QDRANT_STATEFUL_SET);
        awaitAnnounced(namespace, upgrade.id());
        String statefulSetVersion = awaitStatefulSet(namespace).getMetadata().getResourceVersion();
        String namespaceVersion = namespaceVersion(namespace);

        // What Orion knows says it is a downgrade.
        UpgradeDBCluster back = upgrade(command, "1.14.0", "1.13.4");
        send(back);
        // Orion's previous version is stale; the pods say it is a downgrade.
        UpgradeDBCluster stale = upgrade(command, "1.13.0", "1.13.5");
        send(stale);

        assertThat(awaitCausedBy(command.clusterId(), ClusterChangeFailed.class, back.id())
                        .reason())
                .isEqualTo("Version 1.13.4 is older than 1.14.0, which the cluster runs: Nebula does not downgrade"
                        + " clusters.");
        assertThat(awaitCausedBy(command.clusterId(), ClusterChangeFailed.class, stale.id())
                        .reason())
                .isEqualTo("Nodes of the cluster run 1.14.0, newer than 1.13.5: Nebula does not downgrade clusters.");
        StatefulSet untouched = awaitStatefulSet(namespace);
        assertThat(untouched.getMetadata().getResourceVersion()).isEqualTo(statefulSetVersion);
        assertThat(image(untouched)).isEqualTo("docker.io/qdrant/qdrant:v1.14.0");
        assertThat(namespaceVersion(namespace)).isEqualTo(namespaceVersion);
    }

    @Test
    void aRedeliveredScaleChangesNothingMoreAndIsAnnouncedOnce() {
        ProvisionDBCluster command = provision("kind", "local", 1);
        String namespace = runningCluster(command);
        ScaleDBCluster scale = scale(command, 3, "1.13.4");
        send(scale);
        awaitReplicas(namespace, 3);

        assertRedeliveryChangesNothing(command, namespace, scale, scale(command, 2, "1.13.4"));
        kubelet.runAllReady(namespace, ResourceNames.QDRANT_STATEFUL_SET);
        awaitAnnounced(namespace, scale.id());
        assertRedeliveryChangesNothing(command, namespace, scale, scale(command, 1, "1.13.4"));

        assertThat(eventsOf(command.clusterId(), ClusterUpdated.class).stream().map(ClusterEvent::id))
                .containsExactly(EventIds.of(scale.id(), ClusterUpdated.NAME));
    }

    @Test
    void aRedeliveredUpgradeStartsNoSecondRolloutAndIsAnnouncedOnce() {
        ProvisionDBCluster command = provision("kind", "local", 2);
        String namespace = runningCluster(command);
        UpgradeDBCluster upgrade = upgrade(command, "1.13.4", "1.14.0");
        send(upgrade);
        awaitImage(namespace, "docker.io/qdrant/qdrant:v1.14.0");

        assertRedeliveryChangesNothing(command, namespace, upgrade, upgrade(command, "1.14.0", "1.13.4"));
        kubelet.runAllReady(namespace, ResourceNames.QDRANT_STATEFUL_SET);
        awaitAnnounced(namespace, upgrade.id());
        assertRedeliveryChangesNothing(command, namespace, upgrade, upgrade(command, "1.14.0", "1.13.0"));

        assertThat(eventsOf(command.clusterId(), ClusterUpdated.class).stream().map(ClusterEvent::id))
                .containsExactly(EventIds.of(upgrade.id(), ClusterUpdated.NAME));
    }

    @Test
    void aDeleteForARegionNebulaCannotReachIsAChangeFailedAndNeverADeletion() {
        DeleteDBCluster delete = new DeleteDBCluster(
                UUID.randomUUID(),
                Instant.now(),
                MessageMetadata.startingChain(UUID.randomUUID()),
                UUID.randomUUID(),
                "aws",
                "eu-west-1",
                UUID.randomUUID(),
                Engine.QDRANT);
        send(delete);

        ClusterChangeFailed failed = awaitEvent(delete.clusterId(), ClusterChangeFailed.class);

        assertThat(failed.reason())
                .isEqualTo("No Kubernetes API is configured for aws/eu-west-1, so Nebula cannot reach the cluster"
                        + " there to delete it; nothing was deleted.");
        assertThat(failed.metadata().causationId()).isEqualTo(delete.id());
        assertThat(events(delete.clusterId())).extracting(ClusterEvent::name).containsExactly(ClusterChangeFailed.NAME);
    }

    @Test
    void aNewClusterWhosePodsNeverGetHealthyFailsOnceAfterTheGracePeriodWithTheirCauses() {
        ProvisionDBCluster command = provision("kind", "local", 2);
        send(command);
        String namespace = ResourceNames.namespace(command.clusterId());
        StatefulSet statefulSet = awaitStatefulSet(namespace);
        kubelet.runPod(statefulSet, 0, Kubelet.unschedulable("0/3 nodes are available: 3 Insufficient memory."));
        kubelet.runPod(statefulSet, 1, Kubelet.condition("Ready", "False", null, null));
        kubelet.crashLoop(namespace, "qdrant-1", 3);
        kubelet.setStatus(namespace, ResourceNames.QDRANT_STATEFUL_SET, 2, 0);
        assertThat(events(command.clusterId()))
                .as("within the grace period the cluster is still provisioning")
                .noneMatch(ClusterFailed.class::isInstance);

        ClusterFailed failed = awaitEvent(command.clusterId(), ClusterFailed.class);

        assertThat(failed.reason())
                .isEqualTo("The cluster did not become ready within " + GRACE_PERIOD
                        + ": Pod qdrant-0 cannot be scheduled: 0/3 nodes are available: 3 Insufficient memory.; Pod"
                        + " qdrant-1, container qdrant: CrashLoopBackOff (restarted 3 times, last exit: OOMKilled)");
        assertThat(failed.id()).isEqualTo(EventIds.of(command.id(), ClusterFailed.NAME));
        assertThat(failed.metadata().causationId()).isEqualTo(command.id());
        kubelet.crashLoop(namespace, "qdrant-1", 4);
        pause(Duration.ofSeconds(1));
        assertThat(events(command.clusterId()))
                .extracting(ClusterEvent::name)
                .containsExactly(ClusterProvisioningStarted.NAME, ClusterFailed.NAME);
    }

    @Test
    void anUnschedulablePodDegradesARunningClusterWithTheSchedulersMessage() {
        ProvisionDBCluster command = provision("kind", "local", 2);
        String namespace = runningCluster(command);

        // The pod was evicted and its replacement fits on no node.
        kubelet.runPod(
                kubelet.statefulSet(namespace, ResourceNames.QDRANT_STATEFUL_SET),
                1,
                Kubelet.unschedulable("0/3 nodes are available: 3 Insufficient cpu."));
        kubelet.setStatus(namespace, ResourceNames.QDRANT_STATEFUL_SET, 2, 1);

        // The watches may see the StatefulSet's count and the pod's condition in either order, and then also say,
        // before
        // or after the scheduler's message, only that a node is not ready.
        String schedulersMessage = "Pod qdrant-1 cannot be scheduled: 0/3 nodes are available: 3 Insufficient cpu.";
        ClusterDegraded degraded = awaitEvent(command.clusterId(), ClusterDegraded.class, event -> event.reason()
                .equals(schedulersMessage));
        assertThat(degraded.metadata().correlationId())
                .isEqualTo(command.metadata().correlationId());

        // The scheduler finds room: the controller counts the pod ready as the kubelet reports it.
        kubelet.setStatus(namespace, ResourceNames.QDRANT_STATEFUL_SET, 2, 2);
        kubelet.runPod(kubelet.statefulSet(namespace, ResourceNames.QDRANT_STATEFUL_SET), 1, Kubelet.ready());
        ClusterRecovered recovered = awaitEvent(command.clusterId(), ClusterRecovered.class);
        assertThat(recovered.nodesReady()).isEqualTo(2);
        assertThat(eventsOf(command.clusterId(), ClusterDegraded.class))
                .as("a degradation is announced again only when its reason changes")
                .extracting(ClusterDegraded::reason)
                .doesNotHaveDuplicates()
                .contains(schedulersMessage);
        // What was announced last is recorded on the StatefulSet, so a restarted Nebula does not announce it again.
        assertThat(kubelet.statefulSet(namespace, ResourceNames.QDRANT_STATEFUL_SET)
                        .getMetadata()
                        .getAnnotations())
                .containsEntry(Annotations.ANNOUNCED_CONDITION, recovered.id() + " recovered");
    }

    @Test
    void aDeletedMasterKeySecretIsRestoredAtOnceWithTheSameKey() {
        ProvisionDBCluster command = provision("kind", "local", 1);
        String namespace = runningCluster(command);
        String masterKey =
                MasterKeySecrets.masterKey(masterKeySecret(namespace)).orElseThrow();

        kubernetes
                .secrets()
                .inNamespace(namespace)
                .withName(ResourceNames.QDRANT_MASTER_KEY_SECRET)
                .delete();

        // Far sooner than the resync (5m): the Secret informer saw the deletion.
        Secret restored =
                await().atMost(Duration.ofSeconds(20)).until(() -> masterKeySecret(namespace), Objects::nonNull);
        assertThat(MasterKeySecrets.masterKey(restored)).contains(masterKey);
        pause(Duration.ofSeconds(1));
        assertThat(events(command.clusterId())).noneMatch(ClusterDegraded.class::isInstance);
    }

    @Test
    void aDeletedNodeCertificateSecretIsIssuedAgainAtOnceFromTheSameCa() {
        ProvisionDBCluster command = provision("kind", "local", 1, Engine.ELASTICSEARCH);
        send(command);
        String namespace = ResourceNames.namespace(command.clusterId());
        awaitStatefulSet(namespace, ElasticsearchNames.STATEFUL_SET);
        String caCertificate = SecretEntries.read(
                        secret(namespace, ElasticsearchNames.CA_SECRET), ElasticsearchNames.CA_CERTIFICATE_ENTRY)
                .orElseThrow();

        kubernetes
                .secrets()
                .inNamespace(namespace)
                .withName(ElasticsearchNames.CERTIFICATES_SECRET)
                .delete();

        Secret issued = await().atMost(Duration.ofSeconds(20))
                .until(() -> secret(namespace, ElasticsearchNames.CERTIFICATES_SECRET), Objects::nonNull);
        assertThat(SecretEntries.read(issued, ElasticsearchNames.CA_CERTIFICATE_ENTRY))
                .contains(caCertificate);
        assertThat(SecretEntries.read(issued, ElasticsearchNames.CERTIFICATE_ENTRY))
                .hasValueSatisfying(certificate -> assertThat(certificate).startsWith("-----BEGIN CERTIFICATE-----"));
    }

    /**
     * Sends {@code command} again, then {@code fence}, a command for the same cluster that is refused; commands of one
     * cluster are handled in order, so once the fence is refused the redelivery was handled. Nothing may have changed.
     */
    private void assertRedeliveryChangesNothing(
            ProvisionDBCluster provisioned, String namespace, ClusterSpecCommand command, ClusterSpecCommand fence) {
        String statefulSetVersion = awaitStatefulSet(namespace).getMetadata().getResourceVersion();
        String namespaceVersion = namespaceVersion(namespace);
        Map<String, String> pods = podUids(namespace);

        send(command);
        send(fence);
        awaitCausedBy(provisioned.clusterId(), ClusterChangeFailed.class, fence.id());

        assertThat(awaitStatefulSet(namespace).getMetadata().getResourceVersion())
                .as("no second rollout: the StatefulSet was not written")
                .isEqualTo(statefulSetVersion);
        assertThat(namespaceVersion(namespace)).isEqualTo(namespaceVersion);
        assertThat(podUids(namespace)).isEqualTo(pods);
        assertThat(statefulSetsIn(namespace)).hasSize(1);
        assertThat(events(provisioned.clusterId()))
                .as("a change that was carried out is announced by the watch only, never by the redelivery")
                .noneMatch(event -> event instanceof ClusterChangeFailed
                        && command.id().equals(event.metadata().causationId()));
    }

    private String namespaceVersion(String namespace) {
        return kubernetes.namespaces().withName(namespace).get().getMetadata().getResourceVersion();
    }

    private List<StatefulSet> statefulSetsIn(String namespace) {
        return kubernetes.apps().statefulSets().inNamespace(namespace).list().getItems();
    }

    private Map<String, String> podUids(String namespace) {
        return kubernetes.pods().inNamespace(namespace).list().getItems().stream()
                .collect(Collectors.toMap(pod -> pod.getMetadata().getName(), pod -> pod.getMetadata()
                        .getUid()));
    }

    /** Provisions {@code command}'s cluster, plays the kubelet until it runs, and waits for it to be announced. */
    private String runningCluster(ProvisionDBCluster command) {
        send(command);
        String namespace = ResourceNames.namespace(command.clusterId());
        awaitStatefulSet(namespace);
        kubelet.runAllReady(namespace, ResourceNames.QDRANT_STATEFUL_SET);
        awaitEvent(command.clusterId(), ClusterProvisioned.class);
        awaitAnnounced(namespace, command.id());
        return namespace;
    }

    /** Waits until the watch recorded on the StatefulSet that {@code commandId}'s completion was announced. */
    private void awaitAnnounced(String namespace, UUID commandId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> commandId
                .toString()
                .equals(awaitStatefulSet(namespace)
                        .getMetadata()
                        .getAnnotations()
                        .get(Annotations.ANNOUNCED_COMMAND)));
    }

    private <T extends ClusterEvent> T awaitEvent(UUID clusterId, Class<T> type) {
        return topics.awaitEvent(Topics.CLUSTER_EVENTS, clusterId, type);
    }

    /** Every event of the cluster so far, oldest first. */
    private List<ClusterEvent> events(UUID clusterId) {
        return topics.eventsOf(Topics.CLUSTER_EVENTS, clusterId);
    }

    /** The cluster's events of one type so far, oldest first. */
    private <T extends ClusterEvent> List<T> eventsOf(UUID clusterId, Class<T> type) {
        return events(clusterId).stream()
                .filter(type::isInstance)
                .map(type::cast)
                .toList();
    }

    /** The first event of one type that matches, once it has been published. */
    private <T extends ClusterEvent> T awaitEvent(UUID clusterId, Class<T> type, Predicate<T> matching) {
        return await().atMost(Duration.ofSeconds(30))
                .until(() -> eventsOf(clusterId, type).stream().filter(matching).findFirst(), Optional::isPresent)
                .orElseThrow();
    }

    private void awaitEventCount(UUID clusterId, Class<? extends ClusterEvent> type, long count) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> eventsOf(clusterId, type).size() == count);
    }

    private <T extends ClusterEvent> T awaitCausedBy(UUID clusterId, Class<T> type, UUID commandId) {
        ConsumerRecord<String, byte[]> record = topics.awaitRecord(Topics.CLUSTER_EVENTS, candidate -> {
            ClusterEvent event = codec.read(candidate.value(), ClusterEvent.class);
            return event.clusterId().equals(clusterId)
                    && type.isInstance(event)
                    && commandId.equals(event.metadata().causationId());
        });
        return type.cast(codec.read(record.value(), ClusterEvent.class));
    }

    private @Nullable Secret masterKeySecret(String namespace) {
        return secret(namespace, ResourceNames.QDRANT_MASTER_KEY_SECRET);
    }

    private @Nullable Secret secret(String namespace, String name) {
        return kubernetes.secrets().inNamespace(namespace).withName(name).get();
    }

    private void awaitReplicas(String namespace, int replicas) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> awaitStatefulSet(namespace).getSpec().getReplicas() == replicas);
    }

    /** Waits until the StatefulSet's template runs {@code image}, and returns it. */
    private StatefulSet awaitImage(String namespace, String image) {
        return await().atMost(Duration.ofSeconds(30))
                .until(() -> awaitStatefulSet(namespace), statefulSet -> image(statefulSet)
                        .equals(image));
    }

    private static String image(StatefulSet statefulSet) {
        return statefulSet
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .getFirst()
                .getImage();
    }

    private static UpgradeDBCluster upgrade(ProvisionDBCluster command, String previous, String version) {
        return new UpgradeDBCluster(
                UUID.randomUUID(),
                Instant.now(),
                command.metadata(),
                command.accountId(),
                command.cloudProvider(),
                command.cloudRegion(),
                command.clusterId(),
                command.clusterName(),
                command.engine(),
                version,
                previous,
                command.dbConfiguration());
    }

    private static ScaleDBCluster scale(ProvisionDBCluster command, int nodes, String version) {
        return new ScaleDBCluster(
                UUID.randomUUID(),
                Instant.now(),
                command.metadata(),
                command.accountId(),
                command.cloudProvider(),
                command.cloudRegion(),
                command.clusterId(),
                command.clusterName(),
                command.engine(),
                version,
                new DbConfiguration(
                        command.dbConfiguration().clusterEndpoint(),
                        nodes,
                        command.dbConfiguration().nodeConfiguration()));
    }

    private ProvisionDBCluster provision(String provider, String region, int nodes) {
        return provision(provider, region, nodes, Engine.QDRANT);
    }

    private ProvisionDBCluster provision(String provider, String region, int nodes, Engine engine) {
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
                engine,
                engine == Engine.QDRANT ? "1.13.4" : "8.15.3",
                new DbConfiguration(
                        clusterId + "." + region + "." + provider + ".dbaas.test",
                        nodes,
                        new NodeConfiguration("500m", "1Gi", "10Gi")));
    }

    private void send(ClusterCommand command) {
        send(command.clusterId().toString(), codec.write(command));
    }

    private static void send(String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(Topics.CLUSTER_COMMANDS, key, value))
                    .get();
        } catch (Exception e) {
            throw new AssertionError("could not send a command", e);
        }
    }

    private StatefulSet awaitStatefulSet(String namespace) {
        return awaitStatefulSet(namespace, ResourceNames.QDRANT_STATEFUL_SET);
    }

    private StatefulSet awaitStatefulSet(String namespace, String name) {
        return await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> kubernetes
                                .apps()
                                .statefulSets()
                                .inNamespace(namespace)
                                .withName(name)
                                .get(),
                        statefulSet -> statefulSet != null);
    }

    /**
     * What the StatefulSet controller would report once every pod passed its readiness probe; the pods themselves are
     * not created.
     */
    private void markReady(String namespace, int replicas) {
        markReady(namespace, ResourceNames.QDRANT_STATEFUL_SET, replicas);
    }

    private void markReady(String namespace, String name, int replicas) {
        awaitStatefulSet(namespace, name);
        kubelet.setStatus(namespace, name, replicas, replicas);
    }

    /** The StatefulSet as a Nebula without Qdrant TLS rendered it: no TLS settings in its container. */
    private static StatefulSet withoutTls(StatefulSet statefulSet) {
        StatefulSet copy = new StatefulSetBuilder(statefulSet).build();
        copy.getSpec().getTemplate().getSpec().getContainers().forEach(container -> container
                .getEnv()
                .removeIf(env -> env.getName().contains("TLS")));
        return copy;
    }

    /** What the cloud's load-balancer controller would do. */
    private void assignLoadBalancerIp(String namespace, String ip) {
        Service service = kubernetes
                .services()
                .inNamespace(namespace)
                .withName(ResourceNames.QDRANT_CLIENT_SERVICE)
                .get();
        service.setStatus(new ServiceStatusBuilder()
                .withNewLoadBalancer()
                .addNewIngress()
                .withIp(ip)
                .endIngress()
                .endLoadBalancer()
                .build());
        kubernetes.services().resource(service).updateStatus();
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
