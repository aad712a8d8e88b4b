package io.dbaas.gatekeeper.problem;

import java.util.function.Consumer;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Writes problems as {@code application/problem+json} responses. */
public class ProblemResponses {

    private final JsonMapper json;

    public ProblemResponses(JsonMapper json) {
        this.json = json;
    }

    public Mono<Void> write(ServerWebExchange exchange, Problem problem) {
        return write(exchange, problem, headers -> {});
    }

    /** Writes {@code problem}, letting the caller add headers such as {@code WWW-Authenticate}. */
    public Mono<Void> write(ServerWebExchange exchange, Problem problem, Consumer<HttpHeaders> extraHeaders) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatus.valueOf(problem.status()));
        HttpHeaders headers = response.getHeaders();
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        // Errors depend on credentials and on the directory at this moment; no cache should keep them.
        headers.setCacheControl("no-store");
        extraHeaders.accept(headers);
        return response.writeWith(Mono.fromSupplier(() -> buffer(response, problem)));
    }

    private DataBuffer buffer(ServerHttpResponse response, Problem problem) {
        return response.bufferFactory().wrap(bytes(problem));
    }

    /** The body of {@code problem}, for answers written below WebFlux, straight on a Netty channel. */
    public byte[] bytes(Problem problem) {
        return json.writeValueAsBytes(problem);
    }
}
