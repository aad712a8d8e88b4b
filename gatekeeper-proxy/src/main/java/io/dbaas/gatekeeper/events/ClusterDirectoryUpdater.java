package io.dbaas.gatekeeper.events;

import io.dbaas.contracts.Engine;
import io.dbaas.contracts.event.BackupEvent;
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
import io.dbaas.contracts.security.MasterKeyCipher;
import io.dbaas.gatekeeper.directory.ClusterDirectory;
import io.dbaas.gatekeeper.directory.ClusterRoute;
import io.dbaas.gatekeeper.directory.ClusterState;
import io.dbaas.gatekeeper.directory.MasterKey;
import java.net.URI;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies one cluster event to the directory. Applying an event twice has the effect of applying it once, so
 * redelivered or replayed events need no deduplication here.
 */
public class ClusterDirectoryUpdater {

    private static final Logger log = LoggerFactory.getLogger(ClusterDirectoryUpdater.class);

    private final ClusterDirectory directory;
    private final MasterKeyCipher cipher;

    public ClusterDirectoryUpdater(ClusterDirectory directory, MasterKeyCipher cipher) {
        this.directory = directory;
        this.cipher = cipher;
    }

    /**
     * @throws InauthenticEventException when a {@code ClusterProvisioned} was not signed by Nebula or was changed
     * @throws MasterKeyCipher.SealedKeyException when the event's master key does not open
     * @throws IllegalArgumentException when the event's addresses or certificate cannot form a route
     */
    public void apply(ClusterEvent event) {
        switch (event) {
            case ClusterProvisioningStarted started ->
                notServing(started, ClusterState.PROVISIONING, "it is provisioning");
            case ClusterProvisioned provisioned -> route(provisioned);
            case ClusterFailed failed -> notServing(failed, ClusterState.FAILED, "it failed");
            case ClusterDeletionStarted deleting -> notServing(deleting, ClusterState.DELETING, "it is being deleted");
            case ClusterDeleted deleted -> forget(deleted);
            // A cluster being changed, or short of nodes, keeps its route: its ready nodes still serve.
            case ClusterUpdated ignored -> {}
            case ClusterChangeFailed ignored -> {}
            // Nebula waits for the region: what the cluster serves, if anything, is unchanged.
            case ClusterCommandDeferred ignored -> {}
            case ClusterDegraded ignored -> {}
            case ClusterRecovered ignored -> {}
            // Backups never change what a cluster serves.
            case BackupEvent ignored -> {}
        }
    }

    /**
     * The route a {@code ClusterProvisioned} event describes, its master key opened. Also how a snapshot, which keeps
     * the key sealed, becomes routes again.
     */
    public ClusterRoute routeOf(
            UUID clusterId,
            Engine engine,
            String endpoint,
            URI upstream,
            String sealedMasterKey,
            @Nullable String upstreamCaCertificate) {
        MasterKey masterKey = new MasterKey(cipher.open(clusterId, sealedMasterKey));
        return ClusterRoute.of(
                clusterId, engine, endpoint, upstream, masterKey, sealedMasterKey, upstreamCaCertificate);
    }

    private void route(ClusterProvisioned event) {
        // Checked before anything else: a forged or altered route changes nothing.
        if (!cipher.eventAuthentication().isAuthentic(event)) {
            throw new InauthenticEventException(event);
        }
        ClusterRoute route = routeOf(
                event.clusterId(),
                event.engine(),
                event.clusterEndpoint(),
                event.internalAddress().toUri(),
                event.sealedMasterKey(),
                event.upstreamCaCertificate());
        directory.put(route);
        log.info(
                "Routing {} to {} cluster {} at {}",
                route.host(),
                route.engine().id(),
                route.clusterId(),
                route.upstream());
    }

    private void notServing(ClusterEvent event, ClusterState state, String why) {
        directory.markNotServing(event.clusterId(), state);
        log.info("Not routing to cluster {}: {}", event.clusterId(), why);
    }

    private void forget(ClusterDeleted event) {
        directory.forget(event.clusterId());
        log.info("Forgot cluster {}: it was deleted", event.clusterId());
    }
}
