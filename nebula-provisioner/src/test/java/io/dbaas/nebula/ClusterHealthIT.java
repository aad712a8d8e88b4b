package io.dbaas.nebula;

import static io.dbaas.nebula.ClusterCommands.provision;
import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.contracts.command.ProvisionDBCluster;
import io.dbaas.contracts.event.ClusterDegraded;
import io.dbaas.contracts.event.ClusterEvent;
import io.dbaas.contracts.event.ClusterFailed;
import io.dbaas.contracts.event.ClusterProvisioningStarted;
import io.dbaas.contracts.event.ClusterRecovered;
import io.dbaas.nebula.events.EventIds;
import io.dbaas.nebula.kubernetes.model.Annotations;
import io.dbaas.nebula.kubernetes.model.ResourceNames;
import io.dbaas.nebula.support.Kubelet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import org.junit.jupiter.api.Test;

/**
 * What the watch announces about a cluster's health: degraded with the pods' own causes and recovered once
 * they are ready, or, for a new cluster that never gets healthy, failed once after the grace period.
 */
class ClusterHealthIT extends NebulaScenario {

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
        awaitWatchCaughtUp("kind", "local");
        assertThat(events(command.clusterId()))
                .extracting(ClusterEvent::name)
                .containsExactly(ClusterProvisioningStarted.NAME, ClusterFailed.NAME);
    }
}
