package io.dbaas.nebula.kubernetes.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.contracts.Engine;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ClusterStatesTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ClusterStates states = new ClusterStates(registry);

    @Test
    void eachClusterCountsOnceInItsLatestState() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();

        states.observed(first, Engine.QDRANT, ClusterState.PROVISIONING);
        states.observed(second, Engine.QDRANT, ClusterState.PROVISIONING);
        states.observed(first, Engine.QDRANT, ClusterState.RUNNING);
        states.observed(second, Engine.QDRANT, ClusterState.DEGRADED);

        assertThat(gauge(Engine.QDRANT, ClusterState.PROVISIONING)).isZero();
        assertThat(gauge(Engine.QDRANT, ClusterState.RUNNING)).isEqualTo(1);
        assertThat(gauge(Engine.QDRANT, ClusterState.DEGRADED)).isEqualTo(1);
        assertThat(gauge(Engine.ELASTICSEARCH, ClusterState.RUNNING)).isZero();
    }

    @Test
    void aClusterBeingDeletedCountsAsDeletingOnlyAndIsGoneOnceDeleted() {
        UUID cluster = UUID.randomUUID();
        states.observed(cluster, Engine.ELASTICSEARCH, ClusterState.RUNNING);

        states.deletionStarted(cluster, Engine.ELASTICSEARCH);
        states.observed(cluster, Engine.ELASTICSEARCH, ClusterState.DEGRADED);

        assertThat(gauge(Engine.ELASTICSEARCH, ClusterState.DELETING)).isEqualTo(1);
        assertThat(gauge(Engine.ELASTICSEARCH, ClusterState.DEGRADED))
                .as("nodes going away during a deletion are no degradation")
                .isZero();

        states.deletionEnded(cluster, true);

        assertThat(registry.find(ClusterStates.NAME).gauges())
                .allSatisfy(gauge -> assertThat(gauge.value()).isZero());
    }

    @Test
    void aDeletionThatDidNotFinishLeavesTheClusterInTheStateTheWatchesSee() {
        UUID cluster = UUID.randomUUID();
        states.observed(cluster, Engine.QDRANT, ClusterState.RUNNING);
        states.deletionStarted(cluster, Engine.QDRANT);

        states.deletionEnded(cluster, false);

        assertThat(gauge(Engine.QDRANT, ClusterState.DELETING)).isZero();
        assertThat(gauge(Engine.QDRANT, ClusterState.RUNNING)).isEqualTo(1);
    }

    @Test
    void aClusterWhoseNodesAreGoneIsNoLongerCounted() {
        UUID cluster = UUID.randomUUID();
        states.observed(cluster, Engine.QDRANT, ClusterState.FAILED);

        states.gone(cluster);

        assertThat(gauge(Engine.QDRANT, ClusterState.FAILED)).isZero();
    }

    @Test
    void everyEngineAndStateIsReportedFromTheStart() {
        assertThat(registry.find(ClusterStates.NAME).gauges()).hasSize(2 * 5);
    }

    private double gauge(Engine engine, ClusterState state) {
        return registry.get(ClusterStates.NAME)
                .tag("engine", engine.id())
                .tag("state", state.tag())
                .gauge()
                .value();
    }
}
