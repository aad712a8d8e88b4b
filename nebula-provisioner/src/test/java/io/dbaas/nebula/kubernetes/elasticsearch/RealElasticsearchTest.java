package io.dbaas.nebula.kubernetes.elasticsearch;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dbaas.nebula.config.DeletionProperties;
import io.dbaas.nebula.config.MonitoringPeers;
import io.dbaas.nebula.config.NebulaProperties;
import io.dbaas.nebula.config.ProviderProperties;
import io.dbaas.nebula.config.RegionProperties;
import io.dbaas.nebula.config.StatusProperties;
import io.dbaas.nebula.config.TestRegions;
import io.dbaas.nebula.config.TopicProperties;
import io.dbaas.nebula.config.VolumePolicy;
import io.dbaas.nebula.infrastructure.DBClusterSpecs;
import io.dbaas.nebula.infrastructure.TestSpecs;
import io.dbaas.nebula.kubernetes.ClusterLocks;
import io.dbaas.nebula.kubernetes.KubernetesInfrastructureClient;
import io.dbaas.nebula.kubernetes.blueprint.EngineBlueprints;
import io.dbaas.nebula.kubernetes.blueprint.TestBlueprints;
import io.dbaas.nebula.kubernetes.metrics.CertificateExpiries;
import io.dbaas.nebula.kubernetes.metrics.ClusterStates;
import io.dbaas.nebula.kubernetes.metrics.Reconciles;
import io.dbaas.nebula.kubernetes.model.ElasticsearchCluster;
import io.dbaas.nebula.kubernetes.model.ElasticsearchNames;
import io.dbaas.nebula.kubernetes.model.ResourceNames;
import io.dbaas.nebula.kubernetes.region.RegionClients;
import io.dbaas.nebula.kubernetes.region.RegionFootprints;
import io.dbaas.nebula.kubernetes.topology.ZoneAnnotations;
import io.dbaas.nebula.region.RegionCatalog;
import io.dbaas.nebula.support.NebulaDatabase;
import io.dbaas.testsupport.elasticsearch.ElasticsearchDistributions;
import io.dbaas.testsupport.elasticsearch.StatefulSetStandIn;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Real Elasticsearch nodes running what Nebula rendered: Nebula's Kubernetes backend provisions into fabric8's CRUD
 * mock API server, and {@link StatefulSetStandIn} runs the StatefulSet's pods from the objects there, as a Kubernetes
 * cluster's controllers and kubelets would. Nebula's zone annotation runs as it does in Nebula.
 */
@EnableKubernetesMockClient(crud = true, https = false)
abstract class RealElasticsearchTest {

    static final Duration TIMEOUT = Duration.ofMinutes(3);
    static final List<String> ZONES = List.of("zone-a", "zone-b", "zone-c");

    KubernetesMockServer server;
    KubernetesClient client;

    KubernetesInfrastructureClient backend;
    NebulaProperties properties;
    RegionProperties region;
    /** The specs each cluster was provisioned with, by id. */
    final Map<UUID, DBClusterSpecs> specs = new HashMap<>();

    private RegionClients clients;
    private SharedIndexInformer<Pod> zoneAnnotations;

    @BeforeEach
    void startNebula() {
        assumeTrue(StatefulSetStandIn.supported(), "Real Elasticsearch nodes need root (mounts, a non-root node user)");
        // The stand-in's Service endpoints drop a stopping pod within 250 ms: a short pause is as safe here as 30 s
        // on a real cluster.
        TestRegions.Builder regionSettings =
                TestRegions.region().apiUrl(client.getMasterUrl().toString()).preStopPause(Duration.ofSeconds(5));
        // On the region: the blueprints read the global settings of their own (TestBlueprints), not these.
        MonitoringPeers monitoring = monitoring();
        if (monitoring != null) {
            regionSettings.monitoring(monitoring);
        }
        region = regionSettings.build();
        properties = new NebulaProperties(
                Map.of("minikube", new ProviderProperties(Map.of("local", region))),
                new TopicProperties(6, (short) 1),
                TestRegions.RETRY,
                null,
                new DeletionProperties(VolumePolicy.DELETE, Duration.ofSeconds(10)),
                StatusProperties.DEFAULT,
                null);
        clients = new RegionClients(event -> {});
        RegionCatalog catalog = new RegionCatalog(properties);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        backend = new KubernetesInfrastructureClient(
                catalog,
                clients,
                new EngineBlueprints(TestBlueprints.all()),
                properties,
                new ClusterLocks(),
                NebulaDatabase.vault(),
                new RegionFootprints(NebulaDatabase.jdbc()),
                new Reconciles(catalog, meters),
                new ClusterStates(meters),
                new CertificateExpiries(catalog, meters));
        zoneAnnotations = ZoneAnnotations.start(client);
    }

    /** Where the platform's Prometheus scrapes from; none by default, so the clusters are not scraped. */
    @Nullable
    MonitoringPeers monitoring() {
        return null;
    }

    /** Nebula goes away: nobody annotates new pods with their zone any more. */
    void stopZoneAnnotations() {
        zoneAnnotations.close();
    }

    @AfterEach
    void stopNebula() {
        if (zoneAnnotations != null) {
            zoneAnnotations.close();
        }
        if (clients != null) {
            clients.destroy();
        }
    }

    /** The Elasticsearch version the catalog offers that the tests run by default: the newest. */
    static String version() {
        return versions().getLast();
    }

    static List<String> versions() {
        return List.of(
                System.getProperty("dbaas.elasticsearch.versions", "9.5.4").split(","));
    }

    UUID provision(int nodes) {
        return provision(nodes, version());
    }

    UUID provision(int nodes, String version) {
        UUID clusterId = UUID.randomUUID();
        DBClusterSpecs specs = TestSpecs.copy(TestSpecs.elasticsearch(clusterId, nodes))
                .version(version)
                .memory("1Gi")
                .build();
        backend.provision(specs);
        this.specs.put(clusterId, specs);
        return clusterId;
    }

    StatefulSetStandIn standIn(UUID clusterId) {
        assumeTrue(ElasticsearchDistributions.available(version()), "the build provides Elasticsearch " + version());
        return StatefulSetStandIn.start(
                client,
                ResourceNames.namespace(clusterId),
                ElasticsearchNames.STATEFUL_SET,
                Path.of("target", "elasticsearch-pods", clusterId.toString()).toAbsolutePath(),
                ZONES,
                new StatefulSetStandIn.ServicePort(ElasticsearchNames.CLIENT_SERVICE, ElasticsearchCluster.HTTP_PORT));
    }
}
