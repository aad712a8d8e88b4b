package io.dbaas.orion.cluster.web;

import io.dbaas.orion.account.Caller;
import io.dbaas.orion.cluster.ClusterClaims;
import io.dbaas.orion.operation.OperationQueries;
import io.dbaas.orion.operation.web.OperationResponse;
import java.util.List;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A cluster's operations, newest first. Answered here rather than by the operation module: only the cluster module
 * knows who owns a cluster, and operations must not depend back on clusters. Who may call: viewers (and every role
 * above) of the account that owns the cluster; another account's cluster answers {@code 404} like a missing one.
 */
@RestController
class ClusterOperationController {

    private final OperationQueries operations;
    private final ClusterClaims clusters;

    ClusterOperationController(OperationQueries operations, ClusterClaims clusters) {
        this.operations = operations;
        this.clusters = clusters;
    }

    /** Every operation of the cluster, newest first. */
    @GetMapping("/v1/clusters/{id}/operations")
    @PreAuthorize("hasRole('VIEWER')")
    OperationListResponse ofCluster(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        UUID clusterId = clusters.find(caller.accountId(), id).id();
        return new OperationListResponse(operations.ofCluster(clusterId).stream()
                .map(OperationResponse::of)
                .toList());
    }

    /** A cluster's operations, newest first. */
    record OperationListResponse(List<OperationResponse> items) {}
}
