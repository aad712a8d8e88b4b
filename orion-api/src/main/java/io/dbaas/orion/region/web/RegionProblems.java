package io.dbaas.orion.region.web;

import io.dbaas.orion.region.RegionInUseException;
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
 * The problems of region administration, beside the application-wide handler. Ordered first because that handler has a
 * catch-all that would otherwise answer these as internal errors; it handles nothing else. A region that is not
 * offered is answered by the capacity API's handler ({@code region-not-found}).
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class RegionProblems {

    // The stable types of this feature's problems; clients may switch on them.
    static final URI REGION_IN_USE = ProblemTypes.of("region-in-use");

    /** Names what keeps the region in use, so that the operator knows what to delete first. */
    @ExceptionHandler
    ProblemDetail regionInUse(RegionInUseException e) {
        ProblemDetail problem = Problems.problem(HttpStatus.CONFLICT, REGION_IN_USE, "Region in use", e.getMessage());
        problem.setProperty("clusters", e.clusters());
        problem.setProperty("claims_waiting", e.claimsWaiting());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail invalidRegionRequest(InvalidRegionRequestException e) {
        return Problems.fieldsAtFault(ProblemTypes.INVALID_REQUEST, "Invalid request", e.violations());
    }
}
