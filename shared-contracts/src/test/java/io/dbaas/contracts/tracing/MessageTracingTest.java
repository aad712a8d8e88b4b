package io.dbaas.contracts.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbaas.contracts.MessageCodec;
import io.dbaas.contracts.MessageMetadata;
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
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessageTracingTest {

    private final InMemorySpanExporter exported = InMemorySpanExporter.create();
    private final SdkTracerProvider provider = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(exported))
            .build();
    private final io.opentelemetry.api.trace.Tracer otel = provider.get("test");
    private final Tracer tracer = new OtelTracer(otel, new OtelCurrentTraceContext(), event -> {});
    private final MessageTracing tracing = new MessageTracing(
            tracer, new OtelPropagator(ContextPropagators.create(W3CTraceContextPropagator.getInstance()), otel));

    @AfterEach
    void close() {
        provider.close();
    }

    @Test
    void writerStampsItsSpanAndReaderContinuesTheTraceUnderIt() {
        Span request = tracer.nextSpan().name("request").start();
        MessageMetadata stamped;
        try (Tracer.SpanInScope scope = tracer.withSpan(request)) {
            stamped = tracing.stamped(MessageMetadata.startingChain(UUID.randomUUID()));
        } finally {
            request.end();
        }
        assertThat(stamped.traceId()).isEqualTo(request.context().traceId());
        assertThat(stamped.traceparent())
                .isEqualTo("00-" + request.context().traceId() + "-"
                        + request.context().spanId() + "-01");

        AtomicReference<String> traceInside = new AtomicReference<>();
        tracing.run(
                "handle",
                stamped,
                () -> traceInside.set(tracer.currentSpan().context().traceId()));

        assertThat(traceInside).hasValue(request.context().traceId());
        SpanData handled = exportedSpan("handle");
        assertThat(handled.getParentSpanId()).isEqualTo(request.context().spanId());
        assertThat(handled.getTraceId()).isEqualTo(request.context().traceId());
    }

    @Test
    void unsampledSpanIsStampedAsUnsampledSoThatItsLogLinesStillShareTheTrace() {
        SdkTracerProvider unsampling =
                SdkTracerProvider.builder().setSampler(Sampler.alwaysOff()).build();
        io.opentelemetry.api.trace.Tracer otelOff = unsampling.get("test");
        Tracer off = new OtelTracer(otelOff, new OtelCurrentTraceContext(), event -> {});
        MessageTracing unsampled = new MessageTracing(
                off, new OtelPropagator(ContextPropagators.create(W3CTraceContextPropagator.getInstance()), otelOff));
        Span request = off.nextSpan().name("request").start();
        MessageMetadata stamped;
        try (Tracer.SpanInScope scope = off.withSpan(request)) {
            stamped = unsampled.stamped(MessageMetadata.startingChain(UUID.randomUUID()));
        } finally {
            request.end();
            unsampling.close();
        }

        assertThat(stamped.traceId()).isEqualTo(request.context().traceId()).matches("[0-9a-f]{32}");
        assertThat(stamped.traceparent()).endsWith("-00");
    }

    @Test
    void metadataStaysAsItWasWithoutACurrentSpan() {
        MessageMetadata metadata = MessageMetadata.startingChain(UUID.randomUUID());

        assertThat(tracing.stamped(metadata)).isEqualTo(metadata);
        assertThat(MessageTracing.off().stamped(metadata)).isEqualTo(metadata);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "not-a-traceparent",
                "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
                "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra",
                "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
            })
    void malformedTraceparentStartsANewTraceInsteadOfFailing(String traceparent) {
        MessageMetadata metadata =
                new MessageMetadata(UUID.randomUUID(), null, "4bf92f3577b34da6a3ce929d0e0e4736", traceparent);

        tracing.run("handle", metadata, () -> {});

        SpanData handled = exportedSpan("handle");
        assertThat(handled.getTraceId()).isNotEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(handled.getParentSpanContext().isValid()).isFalse();
    }

    @Test
    void messageOfAnOlderProducerWithoutTraceparentStartsANewTrace() {
        MessageMetadata metadata = new MessageMetadata(UUID.randomUUID(), null, "4bf92f3577b34da6a3ce929d0e0e4736");

        tracing.run("handle", metadata, () -> {});

        assertThat(exportedSpan("handle").getParentSpanContext().isValid()).isFalse();
    }

    @Test
    void readerSpanOfAFailedMessageRecordsTheErrorAndEnds() {
        MessageMetadata metadata = MessageMetadata.startingChain(UUID.randomUUID());

        assertThatThrownBy(() -> tracing.run("handle", metadata, () -> {
                    throw new IllegalStateException("region unreachable");
                }))
                .hasMessage("region unreachable");

        SpanData handled = exportedSpan("handle");
        assertThat(handled.hasEnded()).isTrue();
        assertThat(handled.getStatus().getStatusCode()).isEqualTo(io.opentelemetry.api.trace.StatusCode.ERROR);
    }

    @Test
    void traceparentTravelsInTheEnvelopeAndIsLeftOutWhenAbsent() {
        MessageCodec codec = new MessageCodec();
        MessageMetadata without = new MessageMetadata(UUID.randomUUID(), null, null);
        MessageMetadata with = without.inTrace(
                "4bf92f3577b34da6a3ce929d0e0e4736", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

        assertThat(codec.json().writeValueAsString(without)).doesNotContain("traceparent");
        assertThat(codec.json().writeValueAsString(with))
                .contains("\"traceparent\":\"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\"");
        assertThat(codec.json().readValue(codec.json().writeValueAsString(with), MessageMetadata.class))
                .isEqualTo(with);
    }

    private SpanData exportedSpan(String name) {
        return exported.getFinishedSpanItems().stream()
                .filter(span -> span.getName().equals(name))
                .findFirst()
                .orElseThrow();
    }
}
