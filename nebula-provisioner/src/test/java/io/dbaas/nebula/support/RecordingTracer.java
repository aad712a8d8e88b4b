package io.dbaas.nebula.support;

import io.dbaas.contracts.tracing.MessageTracing;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.function.Supplier;

/** The OpenTelemetry tracer Nebula runs with, sampling everything and keeping finished spans for assertions. */
public final class RecordingTracer implements AutoCloseable {

    private final InMemorySpanExporter exported = InMemorySpanExporter.create();
    private final SdkTracerProvider provider = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(exported))
            .build();
    private final io.opentelemetry.api.trace.Tracer otel = provider.get("test");
    private final Tracer tracer = new OtelTracer(otel, new OtelCurrentTraceContext(), event -> {});

    public Tracer tracer() {
        return tracer;
    }

    public MessageTracing messageTracing() {
        return new MessageTracing(
                tracer, new OtelPropagator(ContextPropagators.create(W3CTraceContextPropagator.getInstance()), otel));
    }

    /** Calls {@code work} in a new span of its own, which it returns with the result. */
    public <T> Traced<T> inSpan(Supplier<T> work) {
        Span span = tracer.nextSpan().name("test").start();
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            return new Traced<>(span, work.get());
        } finally {
            span.end();
        }
    }

    public SpanData finished(String name) {
        return exported.getFinishedSpanItems().stream()
                .filter(span -> span.getName().equals(name))
                .findFirst()
                .orElseThrow(() ->
                        new AssertionError("no finished span " + name + " in " + exported.getFinishedSpanItems()));
    }

    @Override
    public void close() {
        provider.close();
    }

    /** A result and the span it was made in. */
    public record Traced<T>(Span span, T result) {}
}
