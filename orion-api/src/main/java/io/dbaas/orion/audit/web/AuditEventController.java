package io.dbaas.orion.audit.web;

import io.dbaas.orion.account.Caller;
import io.dbaas.orion.audit.AuditLog;
import io.dbaas.orion.audit.AuditQuery;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit trail. Who may call: an account's admins, for their own account; the platform operator, for any account
 * ({@code account_id}) or all of them. Viewers are refused: the trail names every credential that acted.
 */
@RestController
@RequestMapping("/v1/audit-events")
class AuditEventController {

    private final AuditLog log;

    AuditEventController(AuditLog log) {
        this.log = log;
    }

    /** Newest first, a page at a time; every filter given must match. */
    @GetMapping
    @PreAuthorize("hasRole('ADMIN')")
    @ApiResponse(
            responseCode = "400",
            description =
                    "A filter or paging parameter is wrong; errors names each (urn:dbaas:problem:invalid-request).",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(
            responseCode = "404",
            description =
                    "account_id names an account other than an admin's own (urn:dbaas:problem:account-not-found).",
            content = @Content(mediaType = "application/problem+json"))
    AuditEventListResponse list(
            @AuthenticationPrincipal Caller caller,
            @RequestParam(name = "account_id", required = false) @Nullable String accountId,
            @RequestParam(name = "resource_type", required = false) @Nullable String resourceType,
            @RequestParam(name = "resource_id", required = false) @Nullable String resourceId,
            @RequestParam(name = "action", required = false) @Nullable String action,
            @RequestParam(name = "actor", required = false) @Nullable String actor,
            @RequestParam(name = "outcome", required = false) @Nullable String outcome,
            @RequestParam(name = "since", required = false) @Nullable String since,
            @RequestParam(name = "until", required = false) @Nullable String until,
            @RequestParam(name = "page_size", required = false) @Nullable Integer pageSize,
            @RequestParam(name = "page_token", required = false) @Nullable String pageToken) {
        var query = new AuditQuery(
                accountId, resourceType, resourceId, action, actor, outcome, since, until, pageSize, pageToken);
        return AuditEventListResponse.of(log.list(caller, query));
    }
}
