package io.dbaas.orion.events.web;

import io.dbaas.orion.account.Caller;
import io.dbaas.orion.events.ClusterEventHistory;
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
