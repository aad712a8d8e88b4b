package io.dbaas.gatekeeper.upstream;

import io.dbaas.gatekeeper.directory.ClusterRoute;
import io.dbaas.gatekeeper.exchange.Exchange;
import io.dbaas.gatekeeper.exchange.RequestSpan;
import io.dbaas.gatekeeper.problem.Problem;
import io.dbaas.gatekeeper.problem.ProblemException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClientResponse;
import reactor.netty.http.client.PrematureCloseException;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.util.retry.Retry;

/**
 * Sends a request to its cluster and streams the cluster's answer back, both ways without holding a body whole, except
 * answers of a few kilobytes, which are gathered to leave in one write. The address is always the cluster's from the
 * directory; the request contributes only its method, path, query, headers and body.
 *
 * <p>A failure of the call itself becomes a 502 or 504, after up to three more attempts for an idempotent request without
 * a body whose connection was lost before the answer began. Its message names the cluster's internal address: it goes to
 * the log, never to the client.
 */
public class UpstreamCall {

    private static final Logger log = LoggerFactory.getLogger(UpstreamCall.class);

    /** Up to this size an answer with a Content-Length is gathered before it is sent back (see {@link #isSmall}). */
    private static final int SMALL_ANSWER_BYTES = 8192;

    /** Methods a client may have sent twice without harm (RFC 9110, 9.2.2), when they carry no body to send again. */
    private static final Set<HttpMethod> IDEMPOTENT_WITHOUT_BODY =
            Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.DELETE);

    private static final int MORE_ATTEMPTS = 3;
    private static final Duration BEFORE_ANOTHER_ATTEMPT = Duration.ofMillis(100);

    private final UpstreamClients clients;

    UpstreamCall(UpstreamClients clients) {
        this.clients = clients;
    }

    /**
     * @param pathAndQuery the request's path and query, encoded exactly as the client sent them
     * @param body the request body as it may be passed on, or {@code null} when the request has none
     */
    public Mono<Void> send(
            Exchange exchange, ClusterRoute route, String pathAndQuery, @Nullable Publisher<ByteBuf> body) {
        HttpServerRequest request = exchange.request();
        AtomicBoolean answered = new AtomicBoolean();
        Mono<Void> call = clients.forRoute(route)
                .request(request.method())
                .uri(pathAndQuery)
                .send((out, outbound) -> {
                    UpstreamHeaders.towardsCluster(
                            request.requestHeaders(),
                            out.requestHeaders(),
                            exchange.client(),
                            request.scheme(),
                            route.upstreamCredential());
                    RequestSpan span = exchange.span();
                    if (span != null) {
                        span.writeTo(out.requestHeaders());
                    }
                    return body == null ? outbound : outbound.send(body);
                })
                .response((answer, answerBody) -> {
                    answered.set(true);
                    HttpServerResponse response = exchange.response();
                    response.status(answer.status());
                    UpstreamHeaders.towardsClient(answer.responseHeaders(), response.responseHeaders());
                    if (isSmall(answer)) {
                        // Gathered and sent as one message: headers and body leave in one write. The parts are
                        // retained once, and released once: by the write, or by the send if the answer fails.
                        Mono<ByteBuf> whole = answerBody
                                .retain()
                                .collectList()
                                .filter(parts -> !parts.isEmpty())
                                .map(parts -> parts.size() == 1
                                        ? parts.getFirst()
                                        : Unpooled.wrappedBuffer(parts.toArray(ByteBuf[]::new)));
                        return response.send(whole.doOnNext(exchange::sent));
                    }
                    return response.send(answerBody.retain().doOnNext(exchange::sent));
                })
                .then();
        boolean repeatable = body == null && IDEMPOTENT_WITHOUT_BODY.contains(request.method());
        return (repeatable ? call.retryWhen(moreAttempts(answered)) : call).onErrorMap(UpstreamCall::asProblem);
    }

    /**
     * A cluster node that stops (a rolling restart, a drain) closes its idle connections, and one of them may carry a
     * request at that moment; a node that fails breaks the ones it had, and for a moment is still among the Service's
     * endpoints. A request that is idempotent and has no body is sent again when its connection was lost before any
     * answer (RFC 9110, 9.2.2): up to three times, 100, 200 and 400 ms later (with jitter), by which time the pool has
     * let the broken connections go and the endpoints have dropped the node, so that the answer comes from a node that
     * is still there.
     */
    private static Retry moreAttempts(AtomicBoolean answered) {
        return Retry.backoff(MORE_ATTEMPTS, BEFORE_ANOTHER_ATTEMPT)
                .filter(failure -> !answered.get() && connectionLost(failure))
                .onRetryExhaustedThrow((retry, signal) -> signal.failure());
    }

    private static boolean connectionLost(Throwable failure) {
        return failure instanceof PrematureCloseException
                || (failure instanceof IOException && !(failure instanceof ConnectTimeoutException));
    }

    /** An answer of known length that is cheaper to gather than to stream piece by piece. */
    private static boolean isSmall(HttpClientResponse answer) {
        String length = answer.responseHeaders().get(HttpHeaderNames.CONTENT_LENGTH);
        return length != null && length.length() <= 4 && Integer.parseInt(length) <= SMALL_ANSWER_BYTES;
    }

    private static Throwable asProblem(Throwable failure) {
        Optional<Problem> problem = UpstreamFailures.problemFor(failure);
        if (problem.isEmpty()) {
            return failure;
        }
        log.warn("Upstream call failed with {}: {}", problem.get().status(), failure.toString());
        return new ProblemException(problem.get());
    }
}
