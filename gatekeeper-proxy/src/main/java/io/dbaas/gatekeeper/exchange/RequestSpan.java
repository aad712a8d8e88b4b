package io.dbaas.gatekeeper.exchange;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;

/**
 * GateKeeper's span of one request on the public port: a child of the client's trace context when it sent one, and
 * the parent the cluster sees in the {@code traceparent} GateKeeper sends upstream.
 */
public final class RequestSpan {

    private static final AsciiString TRACEPARENT = AsciiString.cached("traceparent");
    private static final AsciiString TRACESTATE = AsciiString.cached("tracestate");

    private final Span span;
    private final Tracer tracer;
    private final Propagator propagator;

    public RequestSpan(Span span, Tracer tracer, Propagator propagator) {
        this.span = span;
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** Replaces the client's trace headers towards the cluster with this span's (its tracestate carried over). */
    public void writeTo(HttpHeaders upstream) {
        upstream.remove(TRACEPARENT).remove(TRACESTATE);
        propagator.inject(span.context(), upstream, HttpHeaders::set);
    }

    /** Ends the span with the request's outcome; {@code lastWords} runs in its scope, so its log line names it. */
    public void end(String cluster, int status, Runnable lastWords) {
        span.tag("cluster", cluster).tag("http.response.status_code", Integer.toString(status));
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            lastWords.run();
        } finally {
            span.end();
        }
    }
}
