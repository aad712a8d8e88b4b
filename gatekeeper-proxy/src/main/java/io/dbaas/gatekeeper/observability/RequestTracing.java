package io.dbaas.gatekeeper.observability;

import io.dbaas.gatekeeper.exchange.RequestSpan;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import io.netty.handler.codec.http.HttpHeaders;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.server.HttpServerRequest;

/**
 * Starts GateKeeper's span of a request, when tracing is on (spans are exported: an OTLP endpoint is configured).
 * When it is off, no span is made and a client's {@code traceparent} and {@code tracestate} reach the cluster as sent,
 * like any other header: no cost on the request path.
 */
public final class RequestTracing {

    private static final RequestTracing OFF = new RequestTracing(null, Propagator.NOOP);

    private final @Nullable Tracer tracer;
    private final Propagator propagator;

    private RequestTracing(@Nullable Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    public static RequestTracing on(Tracer tracer, Propagator propagator) {
        return new RequestTracing(tracer, propagator);
    }

    public static RequestTracing off() {
        return OFF;
    }

    /** GateKeeper's span of {@code request}, a child of the client's trace context if any; null when tracing is off. */
    public @Nullable RequestSpan start(HttpServerRequest request) {
        if (tracer == null) {
            return null;
        }
        // A malformed traceparent is ignored by the propagator: the request then starts a trace of its own.
        Span span = propagator
                .extract(request.requestHeaders(), HttpHeaders::get)
                .name("gatekeeper.request")
                .kind(Span.Kind.SERVER)
                .tag("http.request.method", request.method().name())
                .start();
        return new RequestSpan(span, tracer, propagator);
    }
}
