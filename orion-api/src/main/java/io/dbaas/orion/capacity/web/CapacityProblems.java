package io.dbaas.orion.capacity.web;

import io.dbaas.orion.capacity.CapacityExceededException;
import io.dbaas.orion.capacity.InvalidCapacityException;
import io.dbaas.orion.capacity.RegionNotFoundException;
import io.dbaas.orion.shared.FieldViolation;
import io.dbaas.orion.shared.ProblemTypes;
import io.dbaas.orion.shared.Problems;
import java.net.URI;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The problems of the capacity API, beside the application-wide handler. Ordered first because that handler has a
 * catch-all that would otherwise answer these as internal errors; it handles nothing else, so everything else still
 * reaches the application-wide handler.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class CapacityProblems {

    // The stable types of this feature's problems; clients may switch on them.
    static final URI CAPACITY_EXCEEDED = ProblemTypes.of("capacity-exceeded");
    static final URI REGION_NOT_FOUND = ProblemTypes.of("region-not-found");

    @ExceptionHandler
    ProblemDetail regionNotFound(RegionNotFoundException e) {
        return Problems.problem(HttpStatus.NOT_FOUND, REGION_NOT_FOUND, "Region not found", e.getMessage());
    }

    /** A scale or resize its region cannot hold: refused, so that nothing changes and nothing waits half-done. */
    @ExceptionHandler
    ProblemDetail capacityExceeded(CapacityExceededException e) {
        return Problems.problem(HttpStatus.CONFLICT, CAPACITY_EXCEEDED, "Capacity exceeded", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail invalidCapacity(InvalidCapacityException e) {
        return Problems.fieldsAtFault(
                ProblemTypes.INVALID_REQUEST,
                "Invalid request",
                e.violations().entrySet().stream()
                        .map(violation -> new FieldViolation(violation.getKey(), violation.getValue()))
                        .toList());
    }
}
