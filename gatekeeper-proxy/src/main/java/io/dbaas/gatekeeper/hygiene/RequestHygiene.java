package io.dbaas.gatekeeper.hygiene;

import io.dbaas.gatekeeper.problem.Problem;
import io.dbaas.gatekeeper.problem.ProblemException;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.netty.http.server.HttpServerRequest;

/**
 * Refuses what Netty lets through but a gateway must not guess at, before routing or authentication: more header fields
 * than the limit (Netty bounds their size only), more than one Host header (which one names the cluster?) and a
 * declared body over the limit. Bodies of unknown length are limited
 * as they stream.
 */
public class RequestHygiene {

    private final long maxBodyBytes;
    private final int maxHeaderCount;

    public RequestHygiene(RequestLimitsProperties limits) {
        this.maxBodyBytes = limits.maxBodySize().toBytes();
        this.maxHeaderCount = limits.maxHeaderCount();
    }

    /**
     * Why the request is refused, if it is. After a malformed request or a body over the limit the connection must be
     * closed: the client may still be sending a body that would otherwise be read as its next request.
     */
    public Optional<Problem> refusal(HttpServerRequest request) {
        HttpHeaders headers = request.requestHeaders();
        if (headers.size() > maxHeaderCount) {
            return Optional.of(Problem.TOO_MANY_HEADERS);
        }
        if (headers.getAll(HttpHeaderNames.HOST).size() > 1 || !endsChunked(headers)) {
            return Optional.of(Problem.MALFORMED_REQUEST);
        }
        if (HttpMethod.CONNECT.equals(request.method()) || HttpMethod.TRACE.equals(request.method())) {
            // CONNECT would turn a pooled connection to the cluster into a tunnel; TRACE would echo the cluster's
            // credential back to the client.
            return Optional.of(Problem.METHOD_NOT_ALLOWED);
        }
        String contentLength = headers.get(HttpHeaderNames.CONTENT_LENGTH);
        if (contentLength == null) {
            return Optional.empty();
        }
        try {
            return Long.parseLong(contentLength.strip()) > maxBodyBytes
                    ? Optional.of(Problem.BODY_TOO_LARGE)
                    : Optional.empty();
        } catch (NumberFormatException e) {
            // HTTP/1.1's decoder refuses such a header itself; this is for HTTP/2's.
            return Optional.of(Problem.MALFORMED_REQUEST);
        }
    }

    /**
     * A body with a transfer coding is framed by its last coding, which must be {@code chunked} (RFC 9112, section
     * 6.3): with any other, where the body ends is anyone's guess, and a proxy in front may guess differently.
     */
    private static boolean endsChunked(HttpHeaders headers) {
        List<String> codings = headers.getAll(HttpHeaderNames.TRANSFER_ENCODING);
        if (codings.isEmpty()) {
            return true;
        }
        String last = codings.getLast();
        String lastCoding = last.substring(last.lastIndexOf(',') + 1).strip();
        return lastCoding.equalsIgnoreCase(HttpHeaderValues.CHUNKED.toString());
    }

    /**
     * The request body as it may be passed on: failing with {@link Problem#BODY_TOO_LARGE} once more than the limit has
     * streamed through. Counting, not buffering: a chunked body gives its size away only as it arrives, and holding it
     * whole would let one client exhaust the heap. {@code null} when the request announces no body, or an empty one
     * ({@code Content-Length: 0}, which some clients send with every {@code GET}): there is nothing to pass on, and such
     * a request may be sent again.
     */
    public @Nullable Publisher<ByteBuf> body(HttpServerRequest request) {
        HttpHeaders headers = request.requestHeaders();
        if (!headers.contains(HttpHeaderNames.TRANSFER_ENCODING)
                && (!headers.contains(HttpHeaderNames.CONTENT_LENGTH)
                        || headers.containsValue(HttpHeaderNames.CONTENT_LENGTH, "0", false))) {
            return null;
        }
        // One count per subscription: a body is read once, but a count shared across reads would be wrong if not.
        return Flux.defer(() -> {
            long[] seen = {0};
            return request.receive().handle((buffer, sink) -> {
                seen[0] += buffer.readableBytes();
                if (seen[0] > maxBodyBytes) {
                    sink.error(new ProblemException(Problem.BODY_TOO_LARGE));
                } else {
                    // Reactor Netty releases what it received once passed on; the upstream write releases this one.
                    sink.next(buffer.retain());
                }
            });
        });
    }
}
