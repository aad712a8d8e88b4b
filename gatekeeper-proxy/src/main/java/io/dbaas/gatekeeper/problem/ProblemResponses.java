package io.dbaas.gatekeeper.problem;

import io.dbaas.gatekeeper.exchange.Exchange;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.json.JsonMapper;

/** Writes problems as {@code application/problem+json} responses. */
public class ProblemResponses {

    private static final String PROBLEM_JSON = "application/problem+json";

    private final JsonMapper json;

    /** Problems are constants: each body is serialized once. */
    private final Map<Problem, byte[]> bodies = new ConcurrentHashMap<>();

    public ProblemResponses(JsonMapper json) {
        this.json = json;
    }

    public Mono<Void> send(Exchange exchange, Problem problem) {
        return send(exchange, problem, headers -> {});
    }

    /**
     * Sends {@code problem}, letting the caller add headers such as {@code WWW-Authenticate}. Only before anything of
     * the response was sent; headers a cluster's answer may have left in it are dropped first. A request whose body
     * has not been read is answered on a connection that is then closed: reading the body only to throw it away would
     * let a refused client stream without end.
     */
    public Mono<Void> send(Exchange exchange, Problem problem, Consumer<HttpHeaders> extraHeaders) {
        return send(
                exchange,
                problem,
                extraHeaders,
                announcesBody(exchange.request().requestHeaders()));
    }

    /** Sends {@code problem} and closes the connection: what the client sends next cannot be trusted or read. */
    public Mono<Void> sendAndClose(Exchange exchange, Problem problem) {
        return send(exchange, problem, headers -> {}, true);
    }

    private Mono<Void> send(Exchange exchange, Problem problem, Consumer<HttpHeaders> extraHeaders, boolean close) {
        byte[] body = bytes(problem);
        HttpServerResponse response = exchange.response();
        response.status(HttpResponseStatus.valueOf(problem.status()));
        HttpHeaders headers = response.responseHeaders().clear();
        if (close) {
            // After the clear, which would drop the Connection header this sets.
            response.keepAlive(false);
        }
        headers.set(HttpHeaderNames.CONTENT_TYPE, PROBLEM_JSON)
                // Errors depend on credentials and on the directory at this moment; no cache should keep them.
                .set(HttpHeaderNames.CACHE_CONTROL, "no-store")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        extraHeaders.accept(headers);
        exchange.sent(body.length);
        return response.sendByteArray(Mono.just(body)).then();
    }

    private static boolean announcesBody(HttpHeaders request) {
        String length = request.get(HttpHeaderNames.CONTENT_LENGTH);
        return request.contains(HttpHeaderNames.TRANSFER_ENCODING)
                || (length != null && !length.strip().equals("0"));
    }

    /** The body of {@code problem}, also for answers written below Reactor Netty, straight on a Netty channel. */
    public byte[] bytes(Problem problem) {
        return bodies.computeIfAbsent(problem, json::writeValueAsBytes);
    }
}
