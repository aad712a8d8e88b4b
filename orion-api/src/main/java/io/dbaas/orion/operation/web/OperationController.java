package io.dbaas.orion.operation.web;

import io.dbaas.orion.account.Caller;
import io.dbaas.orion.operation.OperationQueries;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * One operation of the caller's clusters: what was asked, and how far it got (a cluster's list of operations is
 * answered by the cluster module, which knows who owns the cluster). Who may call: viewers (and every role
 * above) of the account that owns the cluster; another account's operation answers {@code 404} like a missing one.
 */
@RestController
class OperationController {

    private final OperationQueries operations;

    OperationController(OperationQueries operations) {
        this.operations = operations;
    }

    @GetMapping("/v1/operations/{operationId}")
    @PreAuthorize("hasRole('VIEWER')")
    OperationResponse get(@AuthenticationPrincipal Caller caller, @PathVariable UUID operationId) {
        return OperationResponse.of(operations.find(caller.accountId(), operationId));
    }
}
