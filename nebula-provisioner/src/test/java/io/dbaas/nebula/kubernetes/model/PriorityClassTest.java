package io.dbaas.nebula.kubernetes.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbaas.nebula.config.GatekeeperPeers;
import io.dbaas.nebula.config.RegionProperties;
import io.dbaas.nebula.config.TestRegions;
import io.dbaas.nebula.infrastructure.TestSpecs;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A region may name the PriorityClass of its database pods; without one, pods get the cluster's default. */
class PriorityClassTest {

    private static final UUID CLUSTER_ID = UUID.fromString("6f1c2a9e-0b7d-4e53-9a21-3c4d5e6f7a8b");

    @ParameterizedTest
    @ValueSource(strings = {"qdrant", "elasticsearch"})
    void everyDatabasePodOfARegionThatNamesAPriorityClassRunsWithIt(String engine) {
        RegionProperties region =
                TestRegions.region().priorityClassName("dbaas-databases").build();

        assertThat(statefulSet(engine)
                        .apply(region)
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getPriorityClassName())
                .isEqualTo("dbaas-databases");
    }

    @ParameterizedTest
    @ValueSource(strings = {"qdrant", "elasticsearch"})
    void aRegionWithoutOneLeavesThePodsToTheClustersDefault(String engine) {
        RegionProperties region = TestRegions.region().build();

        assertThat(statefulSet(engine)
                        .apply(region)
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getPriorityClassName())
                .isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"High", "db_nodes", "-dbaas", "dbaas "})
    void aNameKubernetesWouldRefuseStopsTheStart(String name) {
        assertThatThrownBy(() -> TestRegions.region().priorityClassName(name).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("priority-class-name must be a Kubernetes object name");
    }

    private static Function<RegionProperties, StatefulSet> statefulSet(String engine) {
        return switch (engine) {
            case "qdrant" ->
                region -> QdrantCluster.fromSpecs(TestSpecs.qdrant(CLUSTER_ID), region, GatekeeperPeers.DEFAULT)
                        .generateStatefulSet();
            default ->
                region -> ElasticsearchCluster.fromSpecs(
                                TestSpecs.elasticsearch(CLUSTER_ID, 3), region, GatekeeperPeers.DEFAULT)
                        .generateStatefulSet();
        };
    }
}
