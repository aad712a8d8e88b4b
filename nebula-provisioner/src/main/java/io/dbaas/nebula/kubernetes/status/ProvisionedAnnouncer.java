package io.dbaas.nebula.kubernetes.status;

import io.dbaas.contracts.event.ClusterProvisioned;
import io.dbaas.contracts.security.MasterKeyCipher;
import io.dbaas.nebula.events.ClusterEventPublisher;
import io.dbaas.nebula.events.ClusterEvents;
import io.dbaas.nebula.events.EventIds;
import io.dbaas.nebula.kubernetes.blueprint.EngineBlueprint;
import io.dbaas.nebula.kubernetes.model.MasterKeySecrets;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Publishes {@code ClusterProvisioned} for a ready cluster, with its master key sealed: the key leaves Nebula only
 * encrypted under the key-encryption key and bound to the cluster id.
 */
@Component
class ProvisionedAnnouncer {

    private final MasterKeyCipher cipher;
    private final ClusterEventPublisher publisher;
    private final Clock clock = Clock.systemUTC();

    ProvisionedAnnouncer(MasterKeyCipher cipher, ClusterEventPublisher publisher) {
        this.cipher = cipher;
        this.publisher = publisher;
    }

    void announce(KubernetesClient client, ReadyCluster cluster, EngineBlueprint blueprint) {
        Secret secret = client.secrets()
                .inNamespace(cluster.namespace())
                .withName(blueprint.masterKeySecretName())
                .get();
        String masterKey = Optional.ofNullable(secret)
                .flatMap(found -> MasterKeySecrets.masterKey(found, blueprint.masterKeyEntry()))
                .orElseThrow(() -> new IllegalStateException("Secret " + cluster.namespace() + "/"
                        + blueprint.masterKeySecretName() + " holds no master key"));
        publisher.publish(new ClusterProvisioned(
                // The same id on every announcement of this command's cluster: consumers apply it once.
                EventIds.of(cluster.commandId(), ClusterProvisioned.NAME),
                clock.instant(),
                ClusterEvents.causedBy(cluster.commandId(), cluster.correlationId(), cluster.traceId()),
                cluster.clusterId(),
                blueprint.engine(),
                cluster.endpoint(),
                cluster.internalAddress(),
                cipher.seal(cluster.clusterId(), masterKey),
                cluster.nodesReady(),
                null));
    }
}
