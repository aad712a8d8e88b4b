package io.dbaas.nebula.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbaas.contracts.Engine;
import io.dbaas.nebula.config.NebulaProperties;
import io.dbaas.nebula.config.RegionProperties;
import io.dbaas.nebula.config.TestRegions;
import io.dbaas.nebula.infrastructure.ClusterRef;
import io.dbaas.nebula.infrastructure.DBClusterSpecs;
import io.dbaas.nebula.infrastructure.DeletionReport;
import io.dbaas.nebula.infrastructure.InfrastructureException;
import io.dbaas.nebula.infrastructure.TestSpecs;
import io.dbaas.nebula.kubernetes.blueprint.EngineBlueprints;
import io.dbaas.nebula.kubernetes.blueprint.TestBlueprints;
import io.dbaas.nebula.kubernetes.metrics.CertificateExpiries;
import io.dbaas.nebula.kubernetes.metrics.ClusterStates;
import io.dbaas.nebula.kubernetes.metrics.Reconciles;
import io.dbaas.nebula.kubernetes.region.RegionClients;
import io.dbaas.nebula.kubernetes.region.RegionFootprints;
import io.dbaas.nebula.region.RegionCatalog;
import io.dbaas.nebula.region.RegionId;
import io.dbaas.nebula.support.MockKubernetesApi;
import io.dbaas.nebula.support.NebulaDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What the backend refuses before it touches any API server, and what it does with a region that never answers. */
class KubernetesInfrastructureClientTest {

    private static final RegionFootprints FOOTPRINTS = new RegionFootprints(NebulaDatabase.jdbc());

    private final List<Object> connections = new ArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void anEngineWithoutABlueprintFailsPermanentlyWithAPlainReasonAndNoApiCall() {
        KubernetesInfrastructureClient client = client(new EngineBlueprints(List.of(TestBlueprints.qdrant())));
        DBClusterSpecs elasticsearch = TestSpecs.withEngine(TestSpecs.qdrant(UUID.randomUUID()), Engine.ELASTICSEARCH);

        assertThatThrownBy(() -> client.provision(elasticsearch))
                .isInstanceOfSatisfying(InfrastructureException.class, failure -> {
                    assertThat(failure.isTransient()).isFalse();
                    assertThat(failure.reason())
                            .isEqualTo("This version of Nebula has no blueprint for elasticsearch clusters,"
                                    + " so it cannot provision them.");
                });
        assertThat(connections).isEmpty();
    }

    @Test
    void specsTheBlueprintCannotRenderFailPermanently() {
        KubernetesInfrastructureClient client = client(new EngineBlueprints(List.of(TestBlueprints.qdrant())));
        DBClusterSpecs latest = TestSpecs.withVersion(TestSpecs.qdrant(UUID.randomUUID()), "latest");

        assertThatThrownBy(() -> client.provision(latest))
                .isInstanceOfSatisfying(InfrastructureException.class, failure -> assertThat(failure.isTransient())
                        .isFalse())
                .hasMessageContaining("'latest'");
        assertThat(connections).isEmpty();
    }

    @Test
    void aClusterWhoseRegionNeverAnsweredLeavesNoFootprintAndItsDeletionNeedsNoRegion() {
        KubernetesInfrastructureClient client = client(new EngineBlueprints(TestBlueprints.all()));
        DBClusterSpecs specs = TestSpecs.qdrant(UUID.randomUUID());

        assertThatThrownBy(() -> client.provision(specs))
                .isInstanceOfSatisfying(InfrastructureException.class, failure -> assertThat(failure.isTransient())
                        .as("a region that is down may come back")
                        .isTrue());
        assertThat(FOOTPRINTS.has(specs.clusterId())).isFalse();

        DeletionReport report = client.delete(ref(specs));

        assertThat(report.found()).as("nothing was ever written there").isFalse();
    }

    @Test
    void aClusterNebulaMayHaveWrittenWaitsForItsRegionToBeDeleted() {
        KubernetesInfrastructureClient client = client(new EngineBlueprints(TestBlueprints.all()));
        DBClusterSpecs specs = TestSpecs.qdrant(UUID.randomUUID());
        FOOTPRINTS.record(specs.clusterId(), new RegionId("minikube", "local"));

        assertThatThrownBy(() -> client.delete(ref(specs)))
                .isInstanceOfSatisfying(InfrastructureException.class, failure -> {
                    assertThat(failure.isTransient()).isTrue();
                    assertThat(failure.reason()).contains("is unreachable: Connection refused");
                });
    }

    @Test
    void aReconcileThatMustWaitForItsRegionIsCountedAsDeferredAndOneThatCannotWorkAsFailed() {
        KubernetesInfrastructureClient client = client(new EngineBlueprints(List.of(TestBlueprints.qdrant())));
        DBClusterSpecs qdrant = TestSpecs.qdrant(UUID.randomUUID());
        DBClusterSpecs elasticsearch = TestSpecs.withEngine(TestSpecs.qdrant(UUID.randomUUID()), Engine.ELASTICSEARCH);

        assertThatThrownBy(() -> client.provision(qdrant)).isInstanceOf(InfrastructureException.class);
        assertThatThrownBy(() -> client.update(elasticsearch)).isInstanceOf(InfrastructureException.class);

        assertThat(reconciles(Engine.QDRANT, "deferred")).isEqualTo(1);
        assertThat(reconciles(Engine.QDRANT, "failed")).isZero();
        assertThat(reconciles(Engine.ELASTICSEARCH, "failed")).isEqualTo(1);
        assertThat(reconciles(Engine.ELASTICSEARCH, "deferred")).isZero();
    }

    private long reconciles(Engine engine, String outcome) {
        return meters.get("nebula.reconciles")
                .tag("engine", engine.id())
                .tag("provider", "minikube")
                .tag("region", "local")
                .tag("outcome", outcome)
                .timer()
                .count();
    }

    private static ClusterRef ref(DBClusterSpecs specs) {
        return new ClusterRef(specs.clusterId(), specs.engine(), specs.provider(), specs.region());
    }

    private KubernetesInfrastructureClient client(EngineBlueprints blueprints) {
        RegionProperties region = TestRegions.region()
                .apiUrl("http://127.0.0.1:" + MockKubernetesApi.closedPort())
                .build();
        NebulaProperties properties = TestRegions.nebula("minikube", "local", region);
        RegionCatalog catalog = new RegionCatalog(properties);
        return new KubernetesInfrastructureClient(
                catalog,
                new RegionClients(connections::add),
                blueprints,
                properties,
                new ClusterLocks(),
                NebulaDatabase.vault(),
                FOOTPRINTS,
                new Reconciles(catalog, meters),
                new ClusterStates(meters),
                new CertificateExpiries(catalog, meters));
    }
}
