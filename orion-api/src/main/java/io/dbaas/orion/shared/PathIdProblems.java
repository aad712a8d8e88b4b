package io.dbaas.orion.shared;

import java.util.Optional;
import org.springframework.http.ProblemDetail;

/**
 * How a feature answers a path id that is not an id at all ({@code /v1/clusters/not-a-uuid}): like the missing
 * resource it would have named. Each feature's problem handler names its own path variables; the application-wide
 * handler asks them all, so it knows no feature's variables.
 */
public interface PathIdProblems {

    /**
     * The not-found problem for {@code pathVariable} with {@code detail}, or empty when the variable is not this
     * feature's.
     */
    Optional<ProblemDetail> notFound(String pathVariable, String detail);
}
