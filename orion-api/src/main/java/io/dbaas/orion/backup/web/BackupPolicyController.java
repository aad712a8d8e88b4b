package io.dbaas.orion.backup.web;

import io.dbaas.orion.account.Caller;
import io.dbaas.orion.backup.BackupRequests;
import io.dbaas.orion.backup.PolicyChange;
import io.dbaas.orion.shared.Audited;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A cluster's backup policy. Viewers read it, admins change it within the platform's bounds. */
@RestController
@RequestMapping("/v1/clusters/{clusterId}/backup-policy")
class BackupPolicyController {

    private final BackupRequests requests;

    BackupPolicyController(BackupRequests requests) {
        this.requests = requests;
    }

    @GetMapping
    @PreAuthorize("hasRole('VIEWER')")
    BackupPolicyResponse get(@AuthenticationPrincipal Caller caller, @PathVariable UUID clusterId) {
        return BackupPolicyResponse.of(requests.policy(caller.accountId(), clusterId));
    }

    /** Replaces the policy; {@code enabled: false} turns scheduled backups off, and the cluster's answer says so. */
    @PutMapping
    @PreAuthorize("hasRole('ADMIN')")
    @Audited(action = "backup-policy.change", resourceType = "cluster", resourceId = "{clusterId}")
    BackupPolicyResponse put(
            @AuthenticationPrincipal Caller caller, @PathVariable UUID clusterId, @RequestBody PolicyChange change) {
        return BackupPolicyResponse.of(requests.changePolicy(caller.accountId(), clusterId, change));
    }
}
