package io.dbaas.orion.audit.web;

import io.dbaas.orion.audit.InvalidAuditQueryException;
import io.dbaas.orion.shared.ProblemTypes;
import io.dbaas.orion.shared.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The problems of the audit API, beside the application-wide handler. Ordered first because that handler has a
 * catch-all that would otherwise answer these as internal errors.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class AuditProblems {

    @ExceptionHandler
    ProblemDetail invalidQuery(InvalidAuditQueryException e) {
        return Problems.fieldsAtFault(ProblemTypes.INVALID_REQUEST, "Invalid request", e.violations());
    }
}
