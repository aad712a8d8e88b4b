package io.dbaas.nebula;

import static io.dbaas.nebula.ClusterCommands.provision;
import static io.dbaas.nebula.ClusterCommands.scale;
import static io.dbaas.nebula.ClusterCommands.upgrade;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dbaas.contracts.command.ClusterSpecCommand;
import io.dbaas.contracts.command.ProvisionDBCluster;
import io.dbaas.contracts.command.ScaleDBCluster;
import io.dbaas.contracts.command.UpgradeDBCluster;
import io.dbaas.contracts.event.ClusterChangeFailed;
import io.dbaas.contracts.event.ClusterDegraded;
import io.dbaas.contracts.event.ClusterEvent;
import io.dbaas.contracts.event.ClusterUpdated;
import io.dbaas.nebula.events.EventIds;
import io.dbaas.nebula.kubernetes.model.ResourceNames;
import io.dbaas.nebula.support.Kubelet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Scale and upgrade of running clusters: rolled out, announced once every pod runs the new shape or version,
 * refused for a downgrade, and never carried out twice for a redelivered command.
 */
class ChangingClustersIT extends NebulaScenario {

    @Test
    void aScaleOutIsAnnouncedUpdatedOnceEveryPodIsReadyAtTheNewShape() {
        ProvisionDBCluster command = provision("kind", "local", 1);
        String namespace = runningCluster(command);

        ScaleDBCluster scale = scale(command, 3, "1.13.4");
        send(scale);
        awaitReplicas(namespace, 3);
        awaitWatchCaughtUp("kind", "local");
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
        awaitWatchCaughtUp("kind", "local");
        assertThat(events(command.clusterId())).noneMatch(ClusterUpdated.class::isInstance);

        kubelet.runAllReady(namespace, ResourceNames.QDRANT_STATEFUL_SET);

        ClusterUpdated updated = awaitEvent(command.clusterId(), ClusterUpdated.class);
        assertThat(updated.clusterVersion()).isEqualTo("1.14.0");
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
        awaitWatchCaughtUp("kind", "local");
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

    private Map<String, String> podUids(String namespace) {
        return kubernetes.pods().inNamespace(namespace).list().getItems().stream()
                .collect(Collectors.toMap(pod -> pod.getMetadata().getName(), pod -> pod.getMetadata()
                        .getUid()));
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
}
