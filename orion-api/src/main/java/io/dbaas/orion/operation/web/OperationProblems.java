package io.dbaas.orion.operation.web;

import static io.dbaas.orion.shared.Problems.problem;

import io.dbaas.orion.operation.OperationNotFoundException;
import io.dbaas.orion.shared.PathIdProblems;
import io.dbaas.orion.shared.ProblemTypes;
import java.net.URI;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The problems of operations. Ordered before the application-wide handler, whose catch-all would otherwise answer
 * them as internal errors; it handles nothing else.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class OperationProblems implements PathIdProblems {

    // The stable types of this feature's problems; clients may switch on them.
    static final URI OPERATION_NOT_FOUND = ProblemTypes.of("operation-not-found");

    @ExceptionHandler
    ProblemDetail operationNotFound(OperationNotFoundException e) {
        return operationNotFound(e.getMessage());
    }

    @Override
    public Optional<ProblemDetail> notFound(String pathVariable, String detail) {
        return "operationId".equals(pathVariable) ? Optional.of(operationNotFound(detail)) : Optional.empty();
    }

    private static ProblemDetail operationNotFound(@Nullable String detail) {
        return problem(HttpStatus.NOT_FOUND, OPERATION_NOT_FOUND, "Operation not found", detail);
    }
}
