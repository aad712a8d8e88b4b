package io.dbaas.gatekeeper.observability;

import io.dbaas.gatekeeper.exchange.Exchange;
import io.dbaas.gatekeeper.exchange.RequestSpan;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.netty.http.server.HttpServerResponse;

/**
 * One access-log line and one metric sample per request, when it ends however it ends (answered, failed, or the client
 * gone). The line is key=value, on the logger {@code gatekeeper.access} so that operators can route it apart; the log
 * pattern supplies the time. No header value is ever logged.
 */
public class AccessLog {

    static final Logger ACCESS_LOG = LoggerFactory.getLogger("gatekeeper.access");

    /** The cluster of a request whose host is not in the directory: never the Host header, which a client fills in. */
    static final String UNKNOWN_CLUSTER = "unknown";

    private final RequestMetrics metrics;

    AccessLog(RequestMetrics metrics) {
        this.metrics = metrics;
    }

    public void ended(Exchange exchange) {
        Duration duration = Duration.ofNanos(System.nanoTime() - exchange.startedNanos());
        UUID clusterId = exchange.cluster();
        String cluster = clusterId == null ? UNKNOWN_CLUSTER : clusterId.toString();
        HttpServerResponse response = exchange.response();
        // No status when the client went away before one was sent.
        int status = response.hasSentHeaders() ? response.status().code() : 0;
        metrics.record(cluster, status, duration);
        RequestSpan span = exchange.span();
        if (span == null) {
            log(exchange, cluster, status, duration);
        } else {
            span.end(cluster, status, () -> log(exchange, cluster, status, duration));
        }
    }

    private static void log(Exchange exchange, String cluster, int status, Duration duration) {
        if (ACCESS_LOG.isInfoEnabled()) {
            // Built here rather than from a {} template, which the logger would parse again for every request.
            ACCESS_LOG.info(new StringBuilder(160)
                    .append("client=")
                    .append(exchange.client())
                    .append(" cluster=")
                    .append(cluster)
                    .append(" method=")
                    .append(LoggedPath.printable(exchange.request().method().name()))
                    .append(" path=")
                    .append(LoggedPath.of(exchange.pathAndQuery().orElse("-")))
                    .append(" status=")
                    .append(status)
                    .append(" duration_ms=")
                    .append(duration.toMillis())
                    .append(" bytes=")
                    .append(exchange.bytesSent())
                    .toString());
        }
    }
}
