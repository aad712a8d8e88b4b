package io.dbaas.contracts.tracing;

import io.dbaas.contracts.MessageMetadata;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Carries a trace across Kafka in the envelope's {@link MessageMetadata}: the writer stamps its current span into the
 * metadata, the reader continues the trace in a span whose parent is that one.
 *
 * <p>The metadata, not Kafka record headers, carries the context because a message may be sent long after it was
 * written, by another thread (Orion's outbox relay), and its span must be the one of the request that wrote it.
 *
 * <p>Nothing read from Kafka is trusted: a {@code traceparent} that is absent or not a well-formed W3C value starts a
 * new trace, it never fails the message.
 */
public final class MessageTracing {

    private static final String TRACEPARENT = "traceparent";
    /** W3C Trace Context, version 00: trace id, parent span id, flags; all-zero ids are invalid. */
    private static final Pattern W3C_TRACEPARENT =
            Pattern.compile("00-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}");

    private final Tracer tracer;
    private final Propagator propagator;

    public MessageTracing(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** Tracing off: metadata stays as it is, work runs without spans. */
    public static MessageTracing off() {
        return new MessageTracing(Tracer.NOOP, Propagator.NOOP);
    }

    /** Metadata for a message that starts a new chain, in the current span's trace (see {@link #stamped}). */
    public MessageMetadata startingChain(UUID correlationId) {
        return stamped(MessageMetadata.startingChain(correlationId));
    }

    /** The metadata placed in the current span's trace, with that span as the receiver's parent; unchanged without one. */
    public MessageMetadata stamped(MessageMetadata metadata) {
        Span span = tracer.currentSpan();
        // An unsampled span is not recording, yet its ids are real: they still tie the services' log lines together.
        if (span == null || span.context().traceId().isEmpty()) {
            return metadata;
        }
        Map<String, String> headers = new HashMap<>();
        propagator.inject(span.context(), headers, (carrier, key, value) -> headers.put(key, value));
        String traceparent = headers.get(TRACEPARENT);
        return metadata.inTrace(
                span.context().traceId(), traceparent != null && isWellFormed(traceparent) ? traceparent : null);
    }

    /** Runs {@code work} in a span named {@code name}, child of the span {@code metadata} names (see the class). */
    public void run(String name, MessageMetadata metadata, Runnable work) {
        call(name, metadata, () -> {
            work.run();
            return null;
        });
    }

    /** Calls {@code work} in a span named {@code name}, child of the span {@code metadata} names (see the class). */
    public <T> T call(String name, MessageMetadata metadata, Supplier<T> work) {
        Span span = start(name, metadata);
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            return work.get();
        } catch (RuntimeException | Error e) {
            span.error(e);
            throw e;
        } finally {
            span.end();
        }
    }

    private Span start(String name, MessageMetadata metadata) {
        String traceparent = metadata.traceparent();
        Span.Builder builder = traceparent != null && isWellFormed(traceparent)
                ? propagator.extract(Map.of(TRACEPARENT, traceparent), Map::get)
                : tracer.spanBuilder().setNoParent();
        return builder.name(name).kind(Span.Kind.CONSUMER).start();
    }

    /** {@code traceparent} when it is a well-formed W3C value, otherwise null: for storing a value read from Kafka. */
    public static @Nullable String wellFormedOrNull(@Nullable String traceparent) {
        return traceparent != null && isWellFormed(traceparent) ? traceparent : null;
    }

    private static boolean isWellFormed(String traceparent) {
        return W3C_TRACEPARENT.matcher(traceparent).matches();
    }
}
