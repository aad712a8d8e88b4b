package io.dbaas.orion.support;

import io.dbaas.contracts.Engine;
import io.dbaas.contracts.MessageCodec;
import io.dbaas.contracts.MessageMetadata;
import io.dbaas.contracts.Topics;
import io.dbaas.contracts.command.ClusterCommand;
import io.dbaas.contracts.event.ClusterChangeFailed;
import io.dbaas.contracts.event.ClusterCommandDeferred;
import io.dbaas.contracts.event.ClusterDegraded;
import io.dbaas.contracts.event.ClusterDeleted;
import io.dbaas.contracts.event.ClusterDeletionStarted;
import io.dbaas.contracts.event.ClusterEvent;
import io.dbaas.contracts.event.ClusterFailed;
import io.dbaas.contracts.event.ClusterProvisioned;
import io.dbaas.contracts.event.ClusterProvisioningStarted;
import io.dbaas.contracts.event.ClusterRecovered;
import io.dbaas.contracts.event.ClusterUpdated;
import io.dbaas.contracts.event.ServiceAddress;
import io.dbaas.contracts.security.MasterKeyCipher;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;

/**
 * Plays Nebula on the real broker: reads the commands Orion published and answers with events whose
 * {@code causation_id} names the command, as Nebula does.
 */
public final class Nebula {

    private final KafkaTemplate<String, byte[]> kafka;
    private final EmbeddedKafkaBroker broker;
    private final MessageCodec codec;
    private final MasterKeyCipher cipher;

    public Nebula(
            KafkaTemplate<String, byte[]> kafka,
            EmbeddedKafkaBroker broker,
            MessageCodec codec,
            MasterKeyCipher cipher) {
        this.kafka = kafka;
        this.broker = broker;
        this.codec = codec;
        this.cipher = cipher;
    }

    /** The command with this id, published for this cluster, waiting for the relay. */
    public ClusterCommand command(UUID clusterId, UUID commandId) {
        var record = io.dbaas.orion.support.Topics.firstWithKey(
                        broker,
                        Topics.CLUSTER_COMMANDS,
                        clusterId.toString(),
                        candidate -> codec.read(candidate.value(), ClusterCommand.class)
                                .id()
                                .equals(commandId),
                        Duration.ofSeconds(20))
                .orElseThrow(() -> new AssertionError("no command " + commandId + " published for " + clusterId));
        return codec.read(record.value(), ClusterCommand.class);
    }

    public void provisioningStarted(UUID clusterId, @Nullable UUID cause) {
        publish(new ClusterProvisioningStarted(UUID.randomUUID(), Instant.now(), causedBy(cause), clusterId));
    }

    public void provisioned(UUID clusterId, @Nullable UUID cause, int nodesReady) {
        publish(cipher.eventAuthentication()
                .sign(new ClusterProvisioned(
                        UUID.randomUUID(),
                        Instant.now(),
                        causedBy(cause),
                        clusterId,
                        Engine.QDRANT,
                        clusterId + ".local.minikube.dbaas.localhost",
                        new ServiceAddress("http", "qdrant.dbaas-" + clusterId + ".svc.cluster.local", 6333),
                        cipher.seal(clusterId, "Zq3vT8pLm2Xw9Rk4Hc7Yb1Nd6Fs5Gj0A"),
                        nodesReady,
                        null)));
    }

    public void failed(UUID clusterId, @Nullable UUID cause, String reason) {
        publish(new ClusterFailed(UUID.randomUUID(), Instant.now(), causedBy(cause), clusterId, reason));
    }

    public void updated(UUID clusterId, UUID cause, String version, int nodes) {
        publish(new ClusterUpdated(
                UUID.randomUUID(), Instant.now(), causedBy(cause), clusterId, version, nodes, nodes));
    }

    public void changeFailed(UUID clusterId, UUID cause, String reason) {
        publish(new ClusterChangeFailed(UUID.randomUUID(), Instant.now(), causedBy(cause), clusterId, reason));
    }

    /** Nebula could not carry out {@code cause} yet: its region's API did not answer, tried again at {@code next}. */
    public void deferred(UUID clusterId, UUID cause, String reason, int attempts, Instant next) {
        publish(new ClusterCommandDeferred(
                UUID.randomUUID(),
                Instant.now(),
                causedBy(cause),
                clusterId,
                "minikube",
                "local",
                reason,
                attempts,
                next));
    }

    public void degraded(UUID clusterId, int nodesReady, String reason) {
        publish(new ClusterDegraded(UUID.randomUUID(), Instant.now(), causedBy(null), clusterId, nodesReady, reason));
    }

    public void recovered(UUID clusterId, int nodesReady) {
        publish(new ClusterRecovered(UUID.randomUUID(), Instant.now(), causedBy(null), clusterId, nodesReady));
    }

    public void deletionStarted(UUID clusterId, UUID cause) {
        publish(new ClusterDeletionStarted(UUID.randomUUID(), Instant.now(), causedBy(cause), clusterId));
    }

    public void deleted(UUID clusterId, UUID cause) {
        publish(new ClusterDeleted(UUID.randomUUID(), Instant.now(), causedBy(cause), clusterId));
    }

    public void publish(ClusterEvent event) {
        kafka.send(Topics.CLUSTER_EVENTS, event.clusterId().toString(), codec.write(event))
                .join();
    }

    private static MessageMetadata causedBy(@Nullable UUID cause) {
        return new MessageMetadata(UUID.randomUUID(), cause, null);
    }
}
