package io.dbaas.orion.backup.web;

import io.dbaas.orion.account.Caller;
import io.dbaas.orion.backup.AcceptedBackup;
import io.dbaas.orion.backup.BackupRequests;
import io.dbaas.orion.operation.web.OperationResponse;
import io.dbaas.orion.shared.Audited;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.net.URI;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Backups of the caller's account. Who may call: admins take and delete, viewers (and every role above) read. Another
 * account's cluster or backup is not found.
 */
@RestController
class BackupController {

    static final String OPERATION_LOCATION = "Operation-Location";

    private final BackupRequests requests;

    BackupController(BackupRequests requests) {
        this.requests = requests;
    }

    /** Takes a backup now: {@code 202}, the backup {@code running} and its operation (kind {@code backup}). */
    @PostMapping("/v1/clusters/{clusterId}/backups")
    @PreAuthorize("hasRole('ADMIN')")
    @Audited(action = "backup.take", resourceType = "backup")
    @ApiResponse(
            responseCode = "409",
            description = "A backup of the cluster is being taken (urn:dbaas:problem:backup-in-progress), the cluster"
                    + " does not serve (urn:dbaas:problem:cluster-state-conflict), or it holds the most backups taken"
                    + " on request (urn:dbaas:problem:on-demand-backup-limit).",
            content = @Content(mediaType = "application/problem+json"))
    ResponseEntity<AcceptedBackupResponse> take(@AuthenticationPrincipal Caller caller, @PathVariable UUID clusterId) {
        AcceptedBackup accepted = requests.takeNow(caller.accountId(), clusterId);
        return ResponseEntity.accepted()
                .location(URI.create(BackupResponse.location(accepted.backup())))
                .header(OPERATION_LOCATION, OperationResponse.location(accepted.operation()))
                .body(AcceptedBackupResponse.of(accepted));
    }

    /** The cluster's backups, newest first, a page at a time; a deleted cluster's during their retention. */
    @GetMapping("/v1/clusters/{clusterId}/backups")
    @PreAuthorize("hasRole('VIEWER')")
    BackupListResponse list(
            @AuthenticationPrincipal Caller caller,
            @PathVariable UUID clusterId,
            @RequestParam(name = "page_size", required = false) @Nullable Integer pageSize,
            @RequestParam(name = "page_token", required = false) @Nullable String pageToken) {
        requests.cluster(caller.accountId(), clusterId);
        return BackupListResponse.of(requests.list(caller.accountId(), clusterId, pageSize, pageToken));
    }

    @GetMapping("/v1/clusters/{clusterId}/backups/{backupId}")
    @PreAuthorize("hasRole('VIEWER')")
    BackupResponse get(
            @AuthenticationPrincipal Caller caller, @PathVariable UUID clusterId, @PathVariable String backupId) {
        return BackupResponse.of(requests.find(caller.accountId(), clusterId, backupId));
    }

    /** Deletes the backup from the storage: {@code 202}, the backup {@code deleting} until Nebula reports. */
    @DeleteMapping("/v1/clusters/{clusterId}/backups/{backupId}")
    @PreAuthorize("hasRole('ADMIN')")
    @Audited(action = "backup.delete", resourceType = "backup", resourceId = "{backupId}")
    ResponseEntity<BackupResponse> delete(
            @AuthenticationPrincipal Caller caller, @PathVariable UUID clusterId, @PathVariable String backupId) {
        return ResponseEntity.accepted()
                .body(BackupResponse.of(requests.delete(caller.accountId(), clusterId, backupId)));
    }

    /**
     * The account's backups across its clusters, deleted clusters' included during their retention, newest first:
     * where to find a backup to restore after deleting its cluster. {@code cluster_id} keeps one cluster's.
     */
    @GetMapping("/v1/backups")
    @PreAuthorize("hasRole('VIEWER')")
    BackupListResponse listAll(
            @AuthenticationPrincipal Caller caller,
            @RequestParam(name = "cluster_id", required = false) @Nullable UUID clusterId,
            @RequestParam(name = "page_size", required = false) @Nullable Integer pageSize,
            @RequestParam(name = "page_token", required = false) @Nullable String pageToken) {
        return BackupListResponse.of(requests.list(caller.accountId(), clusterId, pageSize, pageToken));
    }
}
