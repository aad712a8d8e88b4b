package io.dbaas.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Tracing information carried by every message.
 *
 * @param correlationId the id shared by every message caused by one client request
 * @param causationId the id of the message that caused this one, absent for the first of a chain
 * @param traceId the distributed-tracing trace id, when tracing was active
 * @param traceparent the W3C {@code traceparent} of the span that wrote the message (trace id, that span's id as the
 *     receiver's parent, sampled flag), so that the receiver's spans join the same trace; absent in messages of
 *     producers that predate it, and then left out of the JSON so that their wire format stays as it was
 */
public record MessageMetadata(
        UUID correlationId,
        @Nullable UUID causationId,
        @Nullable String traceId,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String traceparent) {

    public MessageMetadata {
        Objects.requireNonNull(correlationId, "correlation_id");
    }

    /** Metadata without a parent span, as written before messages carried one. */
    public MessageMetadata(UUID correlationId, @Nullable UUID causationId, @Nullable String traceId) {
        this(correlationId, causationId, traceId, null);
    }

    /** Metadata for a message that starts a new chain. */
    public static MessageMetadata startingChain(UUID correlationId) {
        return new MessageMetadata(correlationId, null, null, null);
    }

    /** Metadata for a message caused by {@code cause}: same correlation, cause recorded. */
    public MessageMetadata causedBy(Message cause) {
        return new MessageMetadata(cause.metadata().correlationId(), cause.id(), traceId, traceparent);
    }

    /** The same metadata, in the trace {@code traceId}, written by the span {@code traceparent} names. */
    public MessageMetadata inTrace(@Nullable String traceId, @Nullable String traceparent) {
        return new MessageMetadata(correlationId, causationId, traceId, traceparent);
    }
}
