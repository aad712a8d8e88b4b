package io.dbaas.nebula;

import static io.dbaas.nebula.ClusterCommands.provision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dbaas.contracts.Engine;
import io.dbaas.contracts.command.ProvisionDBCluster;
import io.dbaas.contracts.event.ClusterEvent;
import io.dbaas.contracts.event.ClusterProvisioned;
import io.dbaas.contracts.event.ClusterProvisioningStarted;
import io.dbaas.contracts.event.ServiceAddress;
import io.dbaas.contracts.security.MasterKeyCipher;
import io.dbaas.nebula.kubernetes.model.Annotations;
import io.dbaas.nebula.kubernetes.model.ClusterCertificates;
import io.dbaas.nebula.kubernetes.model.ElasticsearchNames;
import io.dbaas.nebula.kubernetes.model.MasterKeySecrets;
import io.dbaas.nebula.kubernetes.model.ResourceNames;
import io.dbaas.nebula.kubernetes.model.SecretEntries;
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
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Claims carried out: the objects of each engine in the region the claim names, announced once the cluster
 * answers, with its sealed master key, and the same events again for a redelivered claim.
 */
class ProvisioningClustersIT extends NebulaScenario {

    private static final String LB_IP = "127.0.30.40";

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
        awaitWatchCaughtUp("minikube", "local");
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
        String stored = NebulaDatabase.jdbc(DATABASE)
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
        awaitWatchCaughtUp("kind", "local");
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
}
