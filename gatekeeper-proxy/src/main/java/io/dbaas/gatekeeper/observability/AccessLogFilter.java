package io.dbaas.gatekeeper.observability;

import io.dbaas.gatekeeper.client.ClientAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One access-log line and one metric sample per request, when it ends however it ends (answered, failed, or the client
 * gone). The line is key=value, on the logger {@code gatekeeper.access} so that operators can route it apart; the log
 * pattern supplies the time. No header value is ever logged.
 */
public class AccessLogFilter implements WebFilter, Ordered {

    /** Right after the client address is known, so that every other filter's work is inside the measured time. */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 1;

    static final Logger ACCESS_LOG = LoggerFactory.getLogger("gatekeeper.access");

    private final RequestMetrics metrics;
    private final WebExceptionHandler errors;

    /**
     * @param errors answers failures here rather than after this filter, so that the line and the metric carry the
     *     status the client actually gets (a 502, not the 200 that was set before the call failed)
     */
    AccessLogFilter(RequestMetrics metrics, WebExceptionHandler errors) {
        this.metrics = metrics;
        this.errors = errors;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long started = System.nanoTime();
        AtomicLong bytes = new AtomicLong();
        ServerWebExchange counted = exchange.mutate()
                .response(new CountingResponse(exchange.getResponse(), bytes))
                .build();
        return chain.filter(counted)
                .onErrorResume(failure -> errors.handle(counted, failure))
                .doFinally(signal -> done(counted, Duration.ofNanos(System.nanoTime() - started), bytes.get()));
    }

    private void done(ServerWebExchange exchange, Duration duration, long bytes) {
        String cluster = ObservedCluster.of(exchange);
        HttpStatusCode statusCode = exchange.getResponse().getStatusCode();
        int status = statusCode == null ? 0 : statusCode.value();
        metrics.record(cluster, status, duration);
        if (ACCESS_LOG.isInfoEnabled()) {
            ACCESS_LOG.info(
                    "client={} cluster={} method={} path={} status={} duration_ms={} bytes={}",
                    ClientAddress.of(exchange),
                    cluster,
                    LoggedPath.printable(exchange.getRequest().getMethod().name()),
                    LoggedPath.of(exchange.getRequest().getURI()),
                    status,
                    duration.toMillis(),
                    bytes);
        }
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    /** Counts body bytes as they are written, whoever writes them: the proxied cluster or a problem answer. */
    private static final class CountingResponse extends ServerHttpResponseDecorator {

        private final AtomicLong bytes;

        CountingResponse(ServerHttpResponse delegate, AtomicLong bytes) {
            super(delegate);
            this.bytes = bytes;
        }

        @Override
        public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
            // A Mono stays a Mono: the server then sends Content-Length instead of chunking a single-buffer answer.
            if (body instanceof Mono<? extends DataBuffer> single) {
                return super.writeWith(single.doOnNext(this::count));
            }
            return super.writeWith(Flux.from(body).doOnNext(this::count));
        }

        private void count(DataBuffer buffer) {
            bytes.addAndGet(buffer.readableByteCount());
        }

        @Override
        public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
            return super.writeAndFlushWith(
                    Flux.from(body).map(part -> Flux.from(part).doOnNext(this::count)));
        }
    }
}
