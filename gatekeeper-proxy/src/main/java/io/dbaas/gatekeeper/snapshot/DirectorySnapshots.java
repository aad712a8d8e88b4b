package io.dbaas.gatekeeper.snapshot;

import io.dbaas.contracts.security.MasterKeyCipher;
import io.dbaas.gatekeeper.directory.ClusterDirectory;
import io.dbaas.gatekeeper.directory.ClusterEntry;
import io.dbaas.gatekeeper.directory.ClusterRoute;
import io.dbaas.gatekeeper.events.ClusterDirectoryUpdater;
import io.dbaas.gatekeeper.events.ConsumedOffsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns the directory and the consumed offsets into a snapshot, and a snapshot back into them. */
final class DirectorySnapshots {

    private static final Logger log = LoggerFactory.getLogger(DirectorySnapshots.class);

    private final ClusterDirectory directory;
    private final ConsumedOffsets offsets;
    private final ClusterDirectoryUpdater updater;

    DirectorySnapshots(ClusterDirectory directory, ConsumedOffsets offsets, ClusterDirectoryUpdater updater) {
        this.directory = directory;
        this.offsets = offsets;
        this.updater = updater;
    }

    DirectorySnapshot capture(Instant now) {
        // Offsets before the directory: see ConsumedOffsets for why this order keeps the snapshot consistent.
        Map<TopicPartition, Long> consumed = offsets.copy();
        List<DirectorySnapshot.Cluster> clusters = directory.entries().stream()
                .map(entry -> new DirectorySnapshot.Cluster(entry.clusterId(), entry.state(), route(entry.route())))
                .toList();
        List<DirectorySnapshot.RevokedKey> revoked = directory.revokedKeys().stream()
                .map(key -> new DirectorySnapshot.RevokedKey(key.clusterId(), key.keyId(), key.expiresAt()))
                .toList();
        List<DirectorySnapshot.Offset> positions = consumed.entrySet().stream()
                .map(offset -> new DirectorySnapshot.Offset(
                        offset.getKey().topic(), offset.getKey().partition(), offset.getValue()))
                .toList();
        return new DirectorySnapshot(DirectorySnapshot.FORMAT, now, clusters, revoked, positions);
    }

    private static DirectorySnapshot.@Nullable Route route(@Nullable ClusterRoute route) {
        if (route == null) {
            return null;
        }
        return new DirectorySnapshot.Route(
                route.engine(),
                route.host(),
                route.upstream(),
                route.sealedMasterKey(),
                route.upstreamTrust() == null ? null : route.upstreamTrust().pem());
    }

    /** Fills the empty directory and the offsets; a cluster whose key no longer opens is left out, with a log line. */
    void restore(DirectorySnapshot snapshot) {
        for (DirectorySnapshot.Cluster cluster : snapshot.clusters()) {
            try {
                directory.restore(new ClusterEntry(cluster.clusterId(), cluster.state(), route(cluster)));
            } catch (MasterKeyCipher.SealedKeyException | IllegalArgumentException e) {
                log.error(
                        "Left cluster {} out of the directory: its snapshot entry is not usable", cluster.clusterId());
            }
        }
        snapshot.revokedKeys().forEach(key -> directory.revoke(key.clusterId(), key.keyId(), key.expiresAt()));
        Map<TopicPartition, Long> consumed = new HashMap<>();
        snapshot.offsets()
                .forEach(offset -> consumed.put(new TopicPartition(offset.topic(), offset.partition()), offset.next()));
        offsets.restore(consumed);
    }

    private @Nullable ClusterRoute route(DirectorySnapshot.Cluster cluster) {
        DirectorySnapshot.Route route = cluster.route();
        if (route == null) {
            return null;
        }
        return updater.routeOf(
                cluster.clusterId(),
                route.engine(),
                route.host(),
                route.upstream(),
                route.sealedMasterKey(),
                route.upstreamCaCertificate());
    }
}
