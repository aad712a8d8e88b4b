package io.dbaas.nebula.kubernetes.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.dbaas.nebula.config.DeletionProperties;
import io.dbaas.nebula.config.MonitoringPeers;
import io.dbaas.nebula.config.RegionProperties;
import io.dbaas.nebula.config.TestRegions;
import io.dbaas.nebula.config.VolumePolicy;
import io.dbaas.nebula.infrastructure.DeletionReport;
import io.dbaas.nebula.infrastructure.ProvisioningReport;
import io.dbaas.nebula.infrastructure.ProvisioningReport.AppliedResource;
import io.dbaas.nebula.infrastructure.ResourceChange;
import io.dbaas.nebula.infrastructure.TestSpecs;
import io.dbaas.nebula.kubernetes.apply.Appliers;
import io.dbaas.nebula.kubernetes.blueprint.ElasticsearchBlueprint;
import io.dbaas.nebula.kubernetes.blueprint.QdrantBlueprint;
import io.dbaas.nebula.kubernetes.model.DesiredCluster;
import io.dbaas.nebula.kubernetes.model.ElasticsearchNames;
import io.dbaas.nebula.kubernetes.model.Labels;
import io.dbaas.nebula.kubernetes.model.ResourceNames;
import io.dbaas.nebula.kubernetes.model.SecretEntries;
import io.dbaas.nebula.support.NebulaDatabase;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitorList;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.Test;

/**
 * Scraped clusters reconciled against fabric8's CRUD mock API server: the exporter, its user and the PodMonitor are
 * created once and left alone after, a cluster that becomes scraped gets its monitoring user, a region without the
 * Prometheus operator never receives a request for its kinds, and a deletion removes what scraping added.
 */
@EnableKubernetesMockClient(crud = true)
class ScrapedClusterReconcileTest {

    private static final MonitoringPeers MONITORING =
            new MonitoringPeers(Map.of("kubernetes.io/metadata.name", "monitoring"), Map.of());
    private static final RegionProperties OPERATOR_REGION =
            TestRegions.region().prometheusOperator(true).build();
    private static final RegionProperties PLAIN_REGION = TestRegions.region().build();
    private static final DeletionProperties DELETION =
            new DeletionProperties(VolumePolicy.DELETE, Duration.ofSeconds(10));

    KubernetesClient client;
    KubernetesMockServer server;

    @Test
    void aScrapedElasticsearchClusterGetsItsExporterUserAndMonitorOnceAndKeepsThem() {
        UUID clusterId = UUID.randomUUID();

        ProvisioningReport first = reconcile(elasticsearch(clusterId, OPERATOR_REGION, MONITORING));

        assertThat(first.resources())
                .extracting(AppliedResource::kind, AppliedResource::name)
                .containsSubsequence(
                        tuple("Secret", name(clusterId, ElasticsearchNames.MONITORING_USER_SECRET)),
                        tuple("Secret", name(clusterId, ElasticsearchNames.INTERNAL_USERS_SECRET)),
                        tuple("NetworkPolicy", name(clusterId, ElasticsearchNames.NETWORK_POLICY)),
                        tuple("NetworkPolicy", name(clusterId, ElasticsearchNames.EXPORTER)),
                        tuple("StatefulSet", name(clusterId, ElasticsearchNames.STATEFUL_SET)),
                        tuple("Deployment", name(clusterId, ElasticsearchNames.EXPORTER)),
                        tuple("PodMonitor", name(clusterId, ElasticsearchNames.EXPORTER)));
        String password = entry(clusterId, ElasticsearchNames.MONITORING_USER_SECRET, "password");
        assertThat(OpenBSDBCrypt.checkPassword(users(clusterId).get("dbaas-monitor"), password.toCharArray()))
                .isTrue();

        ProvisioningReport second = reconcile(elasticsearch(clusterId, OPERATOR_REGION, MONITORING));

        assertThat(second.resources()).extracting(AppliedResource::change).containsOnly(ResourceChange.UNCHANGED);
        assertThat(entry(clusterId, ElasticsearchNames.MONITORING_USER_SECRET, "password"))
                .as("never generated again")
                .isEqualTo(password);
    }

    @Test
    void anElasticsearchClusterThatBecomesScrapedGetsTheMonitoringUserBesideTheOthers() {
        UUID clusterId = UUID.randomUUID();
        reconcile(elasticsearch(clusterId, OPERATOR_REGION, null));
        assertThat(users(clusterId)).containsOnlyKeys("elastic", "dbaas-node");

        ProvisioningReport scraped = reconcile(elasticsearch(clusterId, OPERATOR_REGION, MONITORING));

        assertThat(scraped.resources())
                .contains(new AppliedResource(
                        "Secret", name(clusterId, ElasticsearchNames.INTERNAL_USERS_SECRET), ResourceChange.UPDATED));
        Map<String, String> users = users(clusterId);
        assertThat(users).containsOnlyKeys("elastic", "dbaas-node", "dbaas-monitor");
        String masterKey = entry(clusterId, ElasticsearchNames.ELASTIC_USER_SECRET, "elastic");
        assertThat(OpenBSDBCrypt.checkPassword(users.get("elastic"), masterKey.toCharArray()))
                .as("GateKeeper's credential is unchanged")
                .isTrue();
        assertThat(OpenBSDBCrypt.checkPassword(
                        users.get("dbaas-node"),
                        entry(clusterId, ElasticsearchNames.INTERNAL_USERS_SECRET, "dbaas-node.password")
                                .toCharArray()))
                .isTrue();
    }

    @Test
    void aRegionWithoutThePrometheusOperatorNeverReceivesARequestForItsKinds() throws Exception {
        UUID qdrant = UUID.randomUUID();
        UUID elasticsearch = UUID.randomUUID();

        reconcile(qdrant(qdrant, PLAIN_REGION));
        reconcile(elasticsearch(elasticsearch, PLAIN_REGION, MONITORING));
        remove(qdrant, "qdrant", false);
        remove(elasticsearch, "elasticsearch", false);

        assertThat(requestPaths()).isNotEmpty().noneMatch(path -> path.contains("monitoring.coreos.com"));
        assertThat(client.apps()
                        .deployments()
                        .inNamespace(ResourceNames.namespace(elasticsearch))
                        .list()
                        .getItems())
                .as("the exporter went with its cluster")
                .isEmpty();
    }

    @Test
    void deletingAScrapedClusterRemovesItsMonitorAndExporterFirst() {
        UUID clusterId = UUID.randomUUID();
        reconcile(elasticsearch(clusterId, OPERATOR_REGION, MONITORING));
        assertThat(podMonitors(clusterId)).hasSize(1);

        DeletionReport report = remove(clusterId, "elasticsearch", true);

        assertThat(report.removed())
                .startsWith("PodMonitor " + name(clusterId, ElasticsearchNames.EXPORTER))
                .contains("Deployment " + name(clusterId, ElasticsearchNames.EXPORTER));
        assertThat(podMonitors(clusterId)).isEmpty();
    }

    @Test
    void aScrapedQdrantClusterGetsItsReadOnlyKeyAndMonitorWhereTheOperatorRuns() {
        UUID clusterId = UUID.randomUUID();

        reconcile(qdrant(clusterId, OPERATOR_REGION));

        String readOnlyKey = entry(clusterId, ResourceNames.QDRANT_METRICS_READER_SECRET, "api-key");
        assertThat(readOnlyKey)
                .matches("[A-Za-z0-9]{32}")
                .isNotEqualTo(entry(clusterId, ResourceNames.QDRANT_MASTER_KEY_SECRET, "api-key"));
        assertThat(podMonitors(clusterId)).singleElement().satisfies(monitor -> assertThat(monitor.getSpec()
                        .getPodMetricsEndpoints()
                        .getFirst()
                        .getAuthorization()
                        .getCredentials()
                        .getName())
                .isEqualTo(ResourceNames.QDRANT_METRICS_READER_SECRET));
    }

    private ProvisioningReport reconcile(DesiredCluster cluster) {
        return ClusterReconciler.reconcile(
                new Appliers(client),
                cluster,
                NebulaDatabase.vault()
                        .forCluster(UUID.fromString(cluster.namespaceName().substring("dbaas-".length()))));
    }

    private DeletionReport remove(UUID clusterId, String engine, boolean prometheusOperator) {
        return ClusterRemover.remove(
                new Appliers(client),
                ResourceNames.namespace(clusterId),
                Labels.of(engine, clusterId),
                DELETION,
                prometheusOperator);
    }

    private static DesiredCluster elasticsearch(UUID clusterId, RegionProperties region, MonitoringPeers monitoring) {
        return new ElasticsearchBlueprint(TestRegions.nebula("kubernetes", "home", region, monitoring))
                .render(TestSpecs.elasticsearch(clusterId, 3), region);
    }

    private static DesiredCluster qdrant(UUID clusterId, RegionProperties region) {
        return new QdrantBlueprint(TestRegions.nebula("kubernetes", "home", region, MONITORING))
                .render(TestSpecs.qdrant(clusterId), region);
    }

    private List<PodMonitor> podMonitors(UUID clusterId) {
        return client.resources(PodMonitor.class, PodMonitorList.class)
                .inNamespace(ResourceNames.namespace(clusterId))
                .list()
                .getItems();
    }

    private Map<String, String> users(UUID clusterId) {
        Map<String, String> users = new LinkedHashMap<>();
        entry(clusterId, ElasticsearchNames.INTERNAL_USERS_SECRET, ElasticsearchNames.USERS_ENTRY)
                .lines()
                .forEach(
                        line -> users.put(line.substring(0, line.indexOf(':')), line.substring(line.indexOf(':') + 1)));
        return users;
    }

    private String entry(UUID clusterId, String secret, String entry) {
        Secret found = client.secrets()
                .inNamespace(ResourceNames.namespace(clusterId))
                .withName(secret)
                .get();
        return SecretEntries.read(found, entry).orElseThrow();
    }

    private List<String> requestPaths() throws InterruptedException {
        List<String> paths = new ArrayList<>();
        RecordedRequest request;
        while ((request = server.takeRequest(10, TimeUnit.MILLISECONDS)) != null) {
            paths.add(request.getPath());
        }
        return paths;
    }

    private static String name(UUID clusterId, String name) {
        return ResourceNames.namespace(clusterId) + "/" + name;
    }
}
