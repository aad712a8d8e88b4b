package io.dbaas.nebula.kubernetes.status;

import io.dbaas.contracts.MessageMetadata;
import io.dbaas.contracts.event.ClusterDegraded;
import io.dbaas.contracts.event.ClusterFailed;
import io.dbaas.contracts.event.ClusterProvisioned;
import io.dbaas.contracts.event.ClusterRecovered;
import io.dbaas.contracts.event.ClusterUpdated;
import io.dbaas.contracts.security.MasterKeyCipher;
import io.dbaas.contracts.tracing.MessageTracing;
import io.dbaas.nebula.events.ClusterEventPublisher;
import io.dbaas.nebula.events.ClusterEvents;
import io.dbaas.nebula.events.EventIds;
import io.dbaas.nebula.infrastructure.ClusterOperation;
import io.dbaas.nebula.kubernetes.blueprint.EngineBlueprint;
import io.dbaas.nebula.kubernetes.model.MasterKeySecrets;
import io.dbaas.nebula.kubernetes.model.SecretEntries;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Publishes what the status tracker decided. {@code ClusterProvisioned} carries the master key sealed (it leaves
 * Nebula only encrypted under the key-encryption key and bound to the cluster id) and, for an engine serving HTTPS,
 * the certificate of the CA GateKeeper must trust, never its key. Completion and failure events take their ids from
 * the command, so announcing them again changes nothing for consumers; degradations and recoveries are not caused by a
 * command and take theirs from the chain of conditions ({@link AnnouncedCondition}).
 *
 * <p>Each announcement runs in a span of the trace of the cluster's last command (its traceparent is kept in the
 * cluster's annotations), and the event names that span: Orion's update of the cluster joins the same trace.
 */
@Component
class StatusAnnouncer {

    private final MasterKeyCipher cipher;
    private final ClusterEventPublisher publisher;
    private final MessageTracing tracing;
    private final Clock clock = Clock.systemUTC();

    StatusAnnouncer(MasterKeyCipher cipher, ClusterEventPublisher publisher, MessageTracing tracing) {
        this.cipher = cipher;
        this.publisher = publisher;
        this.tracing = tracing;
    }

    void completed(KubernetesClient client, ClusterSnapshot cluster, EngineBlueprint blueprint) {
        inCommandTrace(cluster, () -> announceCompleted(client, cluster, blueprint));
    }

    void degraded(ClusterSnapshot cluster, String reason, AnnouncedCondition condition) {
        inCommandTrace(
                cluster,
                () -> publisher.publish(new ClusterDegraded(
                        condition.eventId(),
                        clock.instant(),
                        observed(cluster),
                        cluster.clusterId(),
                        cluster.ready(),
                        reason)));
    }

    void recovered(ClusterSnapshot cluster, AnnouncedCondition condition) {
        inCommandTrace(
                cluster,
                () -> publisher.publish(new ClusterRecovered(
                        condition.eventId(),
                        clock.instant(),
                        observed(cluster),
                        cluster.clusterId(),
                        cluster.ready())));
    }

    void failed(ClusterSnapshot cluster, String reason) {
        inCommandTrace(
                cluster,
                () -> publisher.publish(new ClusterFailed(
                        EventIds.of(cluster.commandId(), ClusterFailed.NAME),
                        clock.instant(),
                        causedByCommand(cluster),
                        cluster.clusterId(),
                        reason)));
    }

    /**
     * {@code ClusterProvisioned} again for a running cluster that now answers elsewhere, with an id of its own for that
     * address and no cause: it completes no command, it only tells GateKeeper where to route.
     */
    void readdressed(KubernetesClient client, ClusterSnapshot snapshot, EngineBlueprint blueprint) {
        inCommandTrace(snapshot, () -> {
            ReadyCluster cluster = snapshot.readyCluster().orElseThrow();
            provisioned(
                    client,
                    cluster,
                    blueprint,
                    EventIds.of(
                            cluster.commandId(),
                            ClusterProvisioned.NAME + " at "
                                    + cluster.internalAddress().toUri()),
                    observed(snapshot));
        });
    }

    private void inCommandTrace(ClusterSnapshot cluster, Runnable announcement) {
        tracing.run(
                "nebula.status-event",
                new MessageMetadata(cluster.correlationId(), null, cluster.traceId(), cluster.traceparent()),
                announcement);
    }

    private void announceCompleted(KubernetesClient client, ClusterSnapshot cluster, EngineBlueprint blueprint) {
        if (cluster.operation() == ClusterOperation.PROVISION) {
            provisioned(
                    client,
                    cluster.readyCluster().orElseThrow(),
                    blueprint,
                    // The same id on every announcement of this command's cluster: consumers apply it once.
                    EventIds.of(cluster.commandId(), ClusterProvisioned.NAME),
                    causedByCommand(cluster));
        } else {
            publisher.publish(new ClusterUpdated(
                    EventIds.of(cluster.commandId(), ClusterUpdated.NAME),
                    clock.instant(),
                    causedByCommand(cluster),
                    cluster.clusterId(),
                    cluster.version(),
                    cluster.wanted(),
                    cluster.ready()));
        }
    }

    private void provisioned(
            KubernetesClient client,
            ReadyCluster cluster,
            EngineBlueprint blueprint,
            UUID eventId,
            MessageMetadata metadata) {
        Secret secret = client.secrets()
                .inNamespace(cluster.namespace())
                .withName(blueprint.masterKeySecretName())
                .get();
        String masterKey = Optional.ofNullable(secret)
                .flatMap(found -> MasterKeySecrets.masterKey(found, blueprint.masterKeyEntry()))
                .orElseThrow(() -> new IllegalStateException("Secret " + cluster.namespace() + "/"
                        + blueprint.masterKeySecretName() + " holds no master key"));
        publisher.publish(cipher.eventAuthentication()
                .sign(new ClusterProvisioned(
                        eventId,
                        clock.instant(),
                        metadata,
                        cluster.clusterId(),
                        blueprint.engine(),
                        cluster.endpoint(),
                        cluster.internalAddress(),
                        cipher.seal(cluster.clusterId(), masterKey),
                        cluster.nodesReady(),
                        upstreamCaCertificate(client, cluster.namespace(), blueprint))));
    }

    private static @Nullable String upstreamCaCertificate(
            KubernetesClient client, String namespace, EngineBlueprint blueprint) {
        Optional<EngineBlueprint.SecretEntry> entry = blueprint.upstreamCaCertificate();
        if (entry.isEmpty()) {
            return null;
        }
        Secret secret = client.secrets()
                .inNamespace(namespace)
                .withName(entry.get().secret())
                .get();
        if (secret == null) {
            throw new IllegalStateException(
                    "Secret " + namespace + "/" + entry.get().secret() + " is missing");
        }
        return SecretEntries.read(secret, entry.get().entry())
                .orElseThrow(() -> new IllegalStateException("Secret " + namespace + "/"
                        + entry.get().secret() + " holds no " + entry.get().entry()));
    }

    private MessageMetadata causedByCommand(ClusterSnapshot cluster) {
        return tracing.stamped(ClusterEvents.causedBy(cluster.commandId(), cluster.correlationId(), cluster.traceId()));
    }

    /** Seen by the watches, not caused by a command: the correlation of the cluster's last command, no causation. */
    private MessageMetadata observed(ClusterSnapshot cluster) {
        return tracing.stamped(new MessageMetadata(cluster.correlationId(), null, cluster.traceId()));
    }
}
