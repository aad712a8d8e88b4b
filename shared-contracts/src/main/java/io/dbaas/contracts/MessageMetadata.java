package io.dbaas.contracts;

import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Tracing information carried by every message.
 *
 * @param correlationId the id shared by every message caused by one client request
 * @param causationId the id of the message that caused this one, absent for the first of a chain
 * @param traceId the distributed-tracing trace id, when tracing was active
 */
public record MessageMetadata(
        UUID correlationId,
        @Nullable UUID causationId,
        @Nullable String traceId) {

    public MessageMetadata {
        Objects.requireNonNull(correlationId, "correlation_id");
    }

    /** Metadata for a message that starts a new chain. */
    public static MessageMetadata startingChain(UUID correlationId) {
        return new MessageMetadata(correlationId, null, null);
    }

    /** Metadata for a message caused by {@code cause}: same correlation, cause recorded. */
    public MessageMetadata causedBy(Message cause) {
        return new MessageMetadata(cause.metadata().correlationId(), cause.id(), traceId);
    }
}
