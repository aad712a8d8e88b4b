package io.dbaas.orion.idempotency.web;

import io.dbaas.orion.idempotency.IdempotencyKeyReusedException;
import io.dbaas.orion.idempotency.InvalidIdempotencyKeyException;
import io.dbaas.orion.shared.FieldViolation;
import io.dbaas.orion.shared.ProblemTypes;
import io.dbaas.orion.shared.Problems;
import java.net.URI;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The problems of {@code Idempotency-Key}. Ordered before the application-wide handler, whose catch-all would otherwise
 * answer them as internal errors; it handles nothing else.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class IdempotencyProblems {

    // The stable types of this feature's problems; clients may switch on them.
    static final URI IDEMPOTENCY_KEY_REUSED = ProblemTypes.of("idempotency-key-reused");

    static final String HEADER = "Idempotency-Key";

    /** 422: the request is well-formed, but this key already stands for another one. */
    @ExceptionHandler
    ProblemDetail keyReused(IdempotencyKeyReusedException e) {
        return Problems.problem(
                HttpStatus.UNPROCESSABLE_CONTENT, IDEMPOTENCY_KEY_REUSED, "Idempotency key reused", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail invalidKey(InvalidIdempotencyKeyException e) {
        return Problems.fieldsAtFault(
                ProblemTypes.INVALID_REQUEST, "Invalid request", List.of(new FieldViolation(HEADER, e.rule())));
    }
}
