package io.dbaas.gatekeeper.problem;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Answers errors raised outside the routing filter as problems, replacing Boot's JSON error page: a host no route
 * matches (outside the cluster domain) arrives here as a 404, failures of the proxy call as other statuses.
 *
 * <p>Exception messages stay in the log; they may name internal addresses and never belong in a response.
 */
public class ProblemErrorHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorHandler.class);

    private final ProblemResponses responses;

    public ProblemErrorHandler(ProblemResponses responses) {
        this.responses = responses;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        if (exchange.getResponse().isCommitted()) {
            // Part of an upstream answer is already on the wire; only closing the connection is left.
            return Mono.error(failure);
        }
        Problem problem = problemFor(failure);
        if (problem.status() == HttpStatus.CONTENT_TOO_LARGE.value()) {
            // The rest of the body may still be on its way; the connection cannot carry a next request.
            return responses.write(exchange, problem, headers -> headers.setConnection("close"));
        }
        return responses.write(exchange, problem);
    }

    private static Problem problemFor(Throwable failure) {
        if (failure instanceof ProblemException known) {
            return known.problem();
        }
        if (failure instanceof ResponseStatusException statusException) {
            return problemFor(statusException.getStatusCode());
        }
        // Class and place only: exception messages on the request path can quote header values, keys included.
        log.error("Request failed with {} at {}", failure.getClass().getName(), thrownAt(failure));
        return Problem.INTERNAL_ERROR;
    }

    private static String thrownAt(Throwable failure) {
        StackTraceElement[] trace = failure.getStackTrace();
        return trace.length == 0 ? "an unknown place" : trace[0].toString();
    }

    private static Problem problemFor(HttpStatusCode statusCode) {
        HttpStatus status = HttpStatus.resolve(statusCode.value());
        return status == null ? Problem.INTERNAL_ERROR : Problem.forStatus(status);
    }
}
