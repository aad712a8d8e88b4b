package io.dbaas.orion.apikey.web;

import io.dbaas.orion.apikey.ApiKeyNotFoundException;
import io.dbaas.orion.apikey.ClusterNotRunningException;
import io.dbaas.orion.apikey.InvalidCredentialRequestException;
import io.dbaas.orion.apikey.LifetimeOutOfRangeException;
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
 * The problems of API keys and tokens. Ordered before the application-wide handler, whose catch-all would otherwise
 * answer them as internal errors; it handles nothing else.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class CredentialProblems {

    // The stable types of this feature's problems; clients may switch on them.
    static final URI CLUSTER_NOT_RUNNING = ProblemTypes.of("cluster-not-running");
    static final URI API_KEY_NOT_FOUND = ProblemTypes.of("api-key-not-found");
    static final URI EXPIRY_OUT_OF_RANGE = ProblemTypes.of("expiry-out-of-range");

    /** 400: a field is missing or not a valid value. */
    @ExceptionHandler
    ProblemDetail invalidRequest(InvalidCredentialRequestException e) {
        return Problems.fieldsAtFault(ProblemTypes.INVALID_REQUEST, "Invalid request", e.violations());
    }

    /** 422: the expiry is well-formed but outside what Orion accepts. */
    @ExceptionHandler
    ProblemDetail lifetimeOutOfRange(LifetimeOutOfRangeException e) {
        return Problems.fieldsAtFault(
                HttpStatus.UNPROCESSABLE_CONTENT, EXPIRY_OUT_OF_RANGE, "Expiry out of range", List.of(e.violation()));
    }

    /**
     * 404. The instance is the cluster's keys, not the path asked for: a client that put a whole key where its id
     * belongs must not get the key back in the answer.
     */
    @ExceptionHandler
    ProblemDetail apiKeyNotFound(ApiKeyNotFoundException e) {
        ProblemDetail problem =
                Problems.problem(HttpStatus.NOT_FOUND, API_KEY_NOT_FOUND, "API key not found", e.getMessage());
        problem.setInstance(URI.create("/v1/clusters/" + e.clusterId() + "/api-keys"));
        return problem;
    }

    /** 409: keys and tokens are derived from a running cluster's master key only. */
    @ExceptionHandler
    ProblemDetail clusterNotRunning(ClusterNotRunningException e) {
        return Problems.problem(HttpStatus.CONFLICT, CLUSTER_NOT_RUNNING, "Cluster not running", e.getMessage());
    }
}
