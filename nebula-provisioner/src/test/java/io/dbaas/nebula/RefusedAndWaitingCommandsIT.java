package io.dbaas.nebula;

import static io.dbaas.nebula.ClusterCommands.provision;
import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.contracts.Topics;
import io.dbaas.contracts.command.ProvisionDBCluster;
import io.dbaas.contracts.event.ClusterCommandDeferred;
import io.dbaas.contracts.event.ClusterEvent;
import io.dbaas.contracts.event.ClusterFailed;
import io.dbaas.contracts.event.ClusterProvisioningStarted;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Commands Nebula cannot carry out at once: a malformed record goes to the dead-letter topic, a claim for an
 * unconfigured region fails with a plain reason, and one for a region whose API is down waits for it.
 */
class RefusedAndWaitingCommandsIT extends NebulaScenario {

    @Test
    void aMalformedRecordGoesToTheDeadLetterTopicAndTheNextCommandIsStillHandled() {
        UUID clusterId = UUID.randomUUID();
        byte[] garbage = ("{\"name\":\"ProvisionDBCluster\",\"id\":\"not-a-uuid\",\"marker\":\"" + clusterId + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        send(clusterId.toString(), garbage);
        ProvisionDBCluster next = provision("aws", "eu-west-1", 1);
        send(next);

        topics.awaitRecord(Topics.CLUSTER_COMMANDS_DEAD_LETTER, record -> Arrays.equals(record.value(), garbage));
        awaitEvent(next.clusterId(), ClusterFailed.class);
    }

    @Test
    void aCommandForAnUnconfiguredRegionFailsWithAPlainReason() {
        ProvisionDBCluster command = provision("aws", "eu-west-1", 3);
        send(command);

        ClusterFailed failed = awaitEvent(command.clusterId(), ClusterFailed.class);

        assertThat(failed.reason()).isEqualTo("No Kubernetes API is configured for aws/eu-west-1.");
        assertThat(failed.metadata().causationId()).isEqualTo(command.id());
    }

    @Test
    void aCommandForARegionWhoseApiIsDownWaitsForItSayingSoWithoutSecrets() {
        ProvisionDBCluster command = provision("offline", "nowhere", 3);
        send(command);

        ClusterCommandDeferred waiting = awaitEvent(command.clusterId(), ClusterCommandDeferred.class);

        assertThat(waiting.reason())
                .startsWith("Waiting for the Kubernetes API of offline/nowhere, next attempt at ")
                .contains("The Kubernetes API of offline/nowhere (http://127.0.0.1:")
                .contains("is unreachable: Connection refused")
                .doesNotContain(OFFLINE_TOKEN)
                .doesNotContain(KEY_ENCRYPTION_KEY);
        assertThat(waiting.attempts()).isEqualTo(1);
        assertThat(events(command.clusterId()))
                .extracting(ClusterEvent::name)
                .startsWith(ClusterProvisioningStarted.NAME, ClusterCommandDeferred.NAME)
                .doesNotContain(ClusterFailed.NAME);
    }
}
