package io.dbaas.gatekeeper.exchange;

import io.dbaas.gatekeeper.client.ClientAddress;
import io.netty.buffer.ByteBuf;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A request on the public port and what became of it. Its mutable parts are written by one request's signals, which
 * Reactor delivers one after another, and read when the request has ended.
 */
public final class Exchange {

    private final HttpServerRequest request;
    private final HttpServerResponse response;
    private final ClientAddress client;
    private final long startedNanos;
    private final Optional<String> pathAndQuery;
    private final @Nullable RequestSpan span;
    private @Nullable UUID cluster;
    private long bytesSent;

    public Exchange(
            HttpServerRequest request,
            HttpServerResponse response,
            ClientAddress client,
            long startedNanos,
            @Nullable RequestSpan span) {
        this.request = request;
        this.span = span;
        this.response = response;
        this.client = client;
        this.startedNanos = startedNanos;
        this.pathAndQuery = RequestTarget.pathAndQuery(request.uri());
    }

    /** GateKeeper's span of this request; null when tracing is off. */
    public @Nullable RequestSpan span() {
        return span;
    }

    public HttpServerRequest request() {
        return request;
    }

    public HttpServerResponse response() {
        return response;
    }

    /** The request's path and query, raw, read once for the routing and the access log: see {@link RequestTarget}. */
    public Optional<String> pathAndQuery() {
        return pathAndQuery;
    }

    public ClientAddress client() {
        return client;
    }

    public long startedNanos() {
        return startedNanos;
    }

    /** The cluster the request was routed to, once its host was found in the directory. */
    public void routedTo(UUID clusterId) {
        this.cluster = clusterId;
    }

    public @Nullable UUID cluster() {
        return cluster;
    }

    /** Counts body bytes as they are written, whoever writes them: the cluster's answer or a problem. */
    public void sent(int bytes) {
        bytesSent += bytes;
    }

    public void sent(ByteBuf body) {
        sent(body.readableBytes());
    }

    public long bytesSent() {
        return bytesSent;
    }
}
