package io.dbaas.gatekeeper.exchange;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import org.slf4j.MDC;

/**
 * GateKeeper's span of one request on the public port: a child of the client's trace context when it sent one, and
 * the parent the cluster sees in the {@code traceparent} GateKeeper sends upstream.
 */
public final class RequestSpan {

    private static final AsciiString TRACEPARENT = AsciiString.cached("traceparent");
    private static final AsciiString TRACESTATE = AsciiString.cached("tracestate");

    /** The MDC keys of Micrometer Tracing's log correlation, written as fields of every structured line. */
    private static final String TRACE_ID = "traceId";

    private static final String SPAN_ID = "spanId";

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
        propagator.inject(span.context(), upstream, (carrier, name, value) -> upstream.set(name, value));
    }

    /** Ends the span with the request's outcome; {@code lastWords} runs in its scope, so its log line names it. */
    public void end(String cluster, int status, Runnable lastWords) {
        span.tag("cluster", cluster).tag("http.response.status_code", Integer.toString(status));
        // The ids go into the MDC here as well: the tracer's own MDC update rides on scope events that a request
        // ending on a Netty event loop does not always see, and the access line must name its trace.
        try (Tracer.SpanInScope scope = tracer.withSpan(span);
                MDC.MDCCloseable traceId =
                        MDC.putCloseable(TRACE_ID, span.context().traceId());
                MDC.MDCCloseable spanId =
                        MDC.putCloseable(SPAN_ID, span.context().spanId())) {
            lastWords.run();
        } finally {
            span.end();
        }
    }
}
