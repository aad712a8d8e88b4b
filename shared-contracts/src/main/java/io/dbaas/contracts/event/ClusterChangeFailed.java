package io.dbaas.contracts.event;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dbaas.contracts.Envelope;
import io.dbaas.contracts.MessageMetadata;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A scale, resize or upgrade (the command named by {@code metadata.causation_id}) was refused or could not be carried
 * out. The cluster keeps serving with the shape it had; nothing was lost.
 *
 * @param reason a sentence for a human, free of secrets, saying why (for example a scale-in that would lose data)
 */
@JsonTypeName(ClusterChangeFailed.NAME)
public record ClusterChangeFailed(UUID id, Instant createdAt, MessageMetadata metadata, UUID clusterId, String reason)
        implements ClusterEvent {

    public static final String NAME = "ClusterChangeFailed";
    public static final String SCHEMA_ID = "dbaas.event.cluster-change-failed.v1";

    public ClusterChangeFailed {
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
