package io.dbaas.contracts.event;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dbaas.contracts.Envelope;
import io.dbaas.contracts.MessageMetadata;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The cluster could not be provisioned.
 *
 * @param reason a sentence for a human, free of secrets, saying what went wrong and where
 */
@JsonTypeName(ClusterFailed.NAME)
public record ClusterFailed(UUID id, Instant createdAt, MessageMetadata metadata, UUID clusterId, String reason)
        implements ClusterEvent {

    public static final String NAME = "ClusterFailed";
    public static final String SCHEMA_ID = "dbaas.event.cluster-failed.v1";

    public ClusterFailed {
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
