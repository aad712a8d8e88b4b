package io.dbaas.contracts.event;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dbaas.contracts.Envelope;
import io.dbaas.contracts.MessageMetadata;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A running cluster has fewer ready nodes than it should, or lost something it needs, seen from the watches.
 *
 * @param nodesReady number of ready nodes
 * @param reason a sentence for a human, free of secrets: which pods crash-loop or cannot be scheduled, and why
 */
@JsonTypeName(ClusterDegraded.NAME)
public record ClusterDegraded(
        UUID id, Instant createdAt, MessageMetadata metadata, UUID clusterId, int nodesReady, String reason)
        implements ClusterEvent {

    public static final String NAME = "ClusterDegraded";
    public static final String SCHEMA_ID = "dbaas.event.cluster-degraded.v1";

    public ClusterDegraded {
        Envelope.requireComplete(id, createdAt, metadata, clusterId);
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String schemaId() {
        return SCHEMA_ID;
    }
}
