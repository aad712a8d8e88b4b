package io.dbaas.nebula.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbaas.contracts.Engine;
import io.dbaas.nebula.config.Exposure;
import io.dbaas.nebula.config.KubernetesAccess;
import io.dbaas.nebula.config.NebulaProperties;
import io.dbaas.nebula.config.ProviderProperties;
import io.dbaas.nebula.config.RegionProperties;
import io.dbaas.nebula.config.RetryProperties;
import io.dbaas.nebula.config.TopicProperties;
import io.dbaas.nebula.infrastructure.DBClusterSpecs;
import io.dbaas.nebula.infrastructure.InfrastructureException;
import io.dbaas.nebula.infrastructure.TestSpecs;
import io.dbaas.nebula.kubernetes.blueprint.EngineBlueprints;
import io.dbaas.nebula.kubernetes.blueprint.QdrantBlueprint;
import io.dbaas.nebula.region.RegionCatalog;
import io.dbaas.nebula.support.MockKubernetesApi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What the backend refuses before it touches any API server. */
class KubernetesInfrastructureClientTest {

    private final List<Object> connections = new ArrayList<>();

    @Test
    void anEngineWithoutABlueprintFailsPermanentlyWithAPlainReasonAndNoApiCall() {
        KubernetesInfrastructureClient client = client(new EngineBlueprints(List.of(new QdrantBlueprint())));
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
        KubernetesInfrastructureClient client = client(new EngineBlueprints(List.of(new QdrantBlueprint())));
        DBClusterSpecs latest = TestSpecs.withVersion(TestSpecs.qdrant(UUID.randomUUID()), "latest");

        assertThatThrownBy(() -> client.provision(latest))
                .isInstanceOfSatisfying(InfrastructureException.class, failure -> assertThat(failure.isTransient())
                        .isFalse())
                .hasMessageContaining("'latest'");
        assertThat(connections).isEmpty();
    }

    private KubernetesInfrastructureClient client(EngineBlueprints blueprints) {
        RegionProperties region = new RegionProperties(
                new KubernetesAccess("", "http://127.0.0.1:" + MockKubernetesApi.closedPort(), "", false, false),
                "",
                Exposure.CLUSTER_IP,
                "cluster.local",
                Map.of());
        NebulaProperties properties = new NebulaProperties(
                Map.of("minikube", new ProviderProperties(Map.of("local", region))),
                new TopicProperties(1, (short) 1),
                new RetryProperties(0, Duration.ZERO, Duration.ZERO));
        return new KubernetesInfrastructureClient(
                new RegionCatalog(properties), new RegionClients(connections::add), blueprints);
    }
}
