package io.dbaas.gatekeeper.problem;

import io.dbaas.gatekeeper.exchange.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;

/**
 * Answers a request whose handling failed: with the problem it carries when it is a known answer (a body over the
 * limit, a cluster that did not answer), as an internal error otherwise.
 *
 * <p>Exception messages stay out of the response and out of the log: they may name internal addresses or quote header
 * values, keys included.
 */
public class FailureResponder {

    private static final Logger log = LoggerFactory.getLogger(FailureResponder.class);

    private final ProblemResponses responses;

    public FailureResponder(ProblemResponses responses) {
        this.responses = responses;
    }

    public Mono<Void> answer(Exchange exchange, Throwable failure) {
        if (exchange.response().hasSentHeaders()) {
            // Part of an upstream answer is already on the wire; only closing the connection is left. Quietly: the
            // failure was logged where it happened.
            exchange.response().withConnection(Connection::dispose);
            return Mono.empty();
        }
        Problem problem = problemFor(failure);
        if (problem.equals(Problem.BODY_TOO_LARGE)) {
            // The rest of the body may still be on its way; the connection cannot carry a next request.
            return responses.sendAndClose(exchange, problem);
        }
        return responses.send(exchange, problem);
    }

    static Problem problemFor(Throwable failure) {
        if (failure instanceof ProblemException known) {
            return known.problem();
        }
        log.error("Request failed with {} at {}", failure.getClass().getName(), thrownAt(failure));
        return Problem.INTERNAL_ERROR;
    }

    private static String thrownAt(Throwable failure) {
        StackTraceElement[] trace = failure.getStackTrace();
        return trace.length == 0 ? "an unknown place" : trace[0].toString();
    }
}
