package io.dbaas.nebula;

import static io.dbaas.nebula.ClusterCommands.provision;
import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.contracts.Engine;
import io.dbaas.contracts.MessageMetadata;
import io.dbaas.contracts.command.DeleteDBCluster;
import io.dbaas.contracts.command.ProvisionDBCluster;
import io.dbaas.contracts.event.ClusterChangeFailed;
import io.dbaas.contracts.event.ClusterDeleted;
import io.dbaas.contracts.event.ClusterDeletionStarted;
import io.dbaas.contracts.event.ClusterEvent;
import io.dbaas.nebula.kubernetes.model.ResourceNames;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Deletions: the cluster's objects removed and the deletion announced, the same events again for a redelivery,
 * and a plain refusal where Nebula cannot reach the cluster.
 */
class DeletingClustersIT extends NebulaScenario {

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
        awaitRestoresCaughtUp("kind", "local");
        assertThat(kubernetes.namespaces().withName(namespace).get()).isNull();
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
}
