package io.dbaas.orion.cluster.web;

import static io.dbaas.orion.shared.Problems.fieldsAtFault;
import static io.dbaas.orion.shared.Problems.problem;

import io.dbaas.orion.cluster.ChangeRefusedException;
import io.dbaas.orion.cluster.ClusterNotFoundException;
import io.dbaas.orion.cluster.ClusterStateConflictException;
import io.dbaas.orion.cluster.InvalidChangeException;
import io.dbaas.orion.cluster.InvalidClaimException;
import io.dbaas.orion.cluster.InvalidClusterQueryException;
import io.dbaas.orion.cluster.OperationInProgressException;
import io.dbaas.orion.cluster.PreconditionFailedException;
import io.dbaas.orion.shared.PathIdProblems;
import io.dbaas.orion.shared.ProblemTypes;
import java.net.URI;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The problems of clusters: claims, changes, listings and lookups, wherever they are raised (API keys, events and
 * operations look clusters up too). Ordered before the application-wide handler, whose catch-all would otherwise
 * answer them as internal errors; it handles nothing else.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ClusterProblems implements PathIdProblems {

    // The stable types of this feature's problems; clients may switch on them.
    static final URI INVALID_CLAIM = ProblemTypes.of("invalid-claim");
    static final URI INVALID_CHANGE = ProblemTypes.of("invalid-change");
    static final URI CHANGE_REFUSED = ProblemTypes.of("change-refused");
    static final URI OPERATION_IN_PROGRESS = ProblemTypes.of("operation-in-progress");
    static final URI CLUSTER_STATE_CONFLICT = ProblemTypes.of("cluster-state-conflict");
    static final URI PRECONDITION_FAILED = ProblemTypes.of("precondition-failed");
    static final URI CLUSTER_NOT_FOUND = ProblemTypes.of("cluster-not-found");

    /** The path variables that name a cluster: {@code /v1/clusters/{id}} and the sub-resources' {@code {clusterId}}. */
    private static final Set<String> CLUSTER_IDS = Set.of("id", "clusterId");

    @ExceptionHandler
    ProblemDetail invalidClaim(InvalidClaimException e) {
        return fieldsAtFault(INVALID_CLAIM, "Invalid claim", e.violations());
    }

    @ExceptionHandler
    ProblemDetail invalidChange(InvalidChangeException e) {
        return fieldsAtFault(INVALID_CHANGE, "Invalid change", e.violations());
    }

    /** Well-formed, but not a change this cluster can make: a 422 naming the fields at fault, when there are any. */
    @ExceptionHandler
    ProblemDetail changeRefused(ChangeRefusedException e) {
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, CHANGE_REFUSED, "Change refused", e.detail());
        problem.setProperty("errors", e.violations());
        return problem;
    }

    /** Names the operation under way, so that the client can follow it and try again once it is done. */
    @ExceptionHandler
    ProblemDetail operationInProgress(OperationInProgressException e) {
        ProblemDetail problem =
                problem(HttpStatus.CONFLICT, OPERATION_IN_PROGRESS, "Operation in progress", e.getMessage());
        problem.setProperty("operation_id", e.operationId());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail clusterStateConflict(ClusterStateConflictException e) {
        return problem(HttpStatus.CONFLICT, CLUSTER_STATE_CONFLICT, "Cluster state conflict", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail preconditionFailed(PreconditionFailedException e) {
        return problem(HttpStatus.PRECONDITION_FAILED, PRECONDITION_FAILED, "Precondition failed", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail invalidClusterQuery(InvalidClusterQueryException e) {
        return fieldsAtFault(ProblemTypes.INVALID_REQUEST, "Invalid request", e.violations());
    }

    @ExceptionHandler
    ProblemDetail clusterNotFound(ClusterNotFoundException e) {
        return clusterNotFound(e.getMessage());
    }

    @Override
    public Optional<ProblemDetail> notFound(String pathVariable, String detail) {
        return CLUSTER_IDS.contains(pathVariable) ? Optional.of(clusterNotFound(detail)) : Optional.empty();
    }

    private static ProblemDetail clusterNotFound(@Nullable String detail) {
        return problem(HttpStatus.NOT_FOUND, CLUSTER_NOT_FOUND, "Cluster not found", detail);
    }
}
