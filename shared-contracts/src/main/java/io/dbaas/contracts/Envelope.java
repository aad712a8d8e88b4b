package io.dbaas.contracts;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** Checks shared by every message's constructor: the envelope fields and the cluster id are always present. */
public final class Envelope {

    private Envelope() {}

    public static void requireComplete(UUID id, Instant createdAt, MessageMetadata metadata, UUID clusterId) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(createdAt, "created_at");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(clusterId, "cluster_id");
    }
}
