package io.dbaas.gatekeeper.snapshot;

import io.dbaas.contracts.Engine;
import io.dbaas.gatekeeper.directory.ClusterState;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What the snapshot file holds: every known cluster (with its master key sealed, never in clear), the revoked key ids,
 * and how far each partition of the two topics had been read.
 *
 * @param format the file format, so that a later GateKeeper can tell an older file apart
 */
record DirectorySnapshot(
        int format, Instant writtenAt, List<Cluster> clusters, List<RevokedKey> revokedKeys, List<Offset> offsets) {

    static final int FORMAT = 1;

    record Cluster(
            UUID clusterId, ClusterState state, @Nullable Route route) {}

    record Route(
            Engine engine,
            String host,
            URI upstream,
            String sealedMasterKey,
            @Nullable String upstreamCaCertificate) {

        @Override
        public String toString() {
            return "Route[engine=" + engine + ", host=" + host + ", upstream=" + upstream + "]";
        }
    }

    record RevokedKey(
            UUID clusterId, String keyId, @Nullable Instant expiresAt) {}

    /** @param next the offset of the next record to read */
    record Offset(String topic, int partition, long next) {}
}
