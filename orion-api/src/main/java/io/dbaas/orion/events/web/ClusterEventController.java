package io.dbaas.orion.events.web;

import io.dbaas.orion.account.Caller;
import io.dbaas.orion.events.ClusterEventHistory;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What happened to a cluster of the caller's account, and why. Who may call: viewers and every role above. */
@RestController
@RequestMapping("/v1/clusters/{clusterId}/events")
class ClusterEventController {

    private final ClusterEventHistory history;

    ClusterEventController(ClusterEventHistory history) {
        this.history = history;
    }

    /**
     * The cluster's events, newest first, a page at a time ({@code page_size} 1 to 100, default 20): provisioning
     * started, provisioned, degraded and recovered, scaled, upgraded, a change that failed, failed, a command waiting
     * for its region, deletion started, deleted. A deleted cluster's events stay readable until the retention (90 days
     * by default) removes them.
     */
    @GetMapping
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(
            summary = "What happened to the cluster and why, newest first",
            description =
                    "One entry per event the provisioner reported, newest first: provisioning_started, provisioned, degraded"
                            + " and recovered, scaled, upgraded, change_failed, failed, command_deferred (a command waits for"
                            + " its region), deletion_started, deleted. Pages of page_size (1 to 100, default 20); pass"
                            + " next_page_token back as page_token. A deleted cluster's events stay readable until the"
                            + " retention (orion.cluster-events.retention, 90 days by default) removes them.")
    @ApiResponse(
            responseCode = "200",
            description = "A page of the cluster's events, newest first; next_page_token is null on the last page.")
    @ApiResponse(
            responseCode = "400",
            description = "page_size is out of bounds or page_token is not one Orion gave out"
                    + " (urn:dbaas:problem:invalid-request).",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(
            responseCode = "404",
            description = "The account has no such cluster (urn:dbaas:problem:cluster-not-found).",
            content = @Content(mediaType = "application/problem+json"))
    ClusterEventListResponse list(
            @AuthenticationPrincipal Caller caller,
            @PathVariable UUID clusterId,
            @RequestParam(name = "page_size", required = false) @Nullable Integer pageSize,
            @RequestParam(name = "page_token", required = false) @Nullable String pageToken) {
        return ClusterEventListResponse.of(history.page(caller.accountId(), clusterId, pageSize, pageToken));
    }
}
