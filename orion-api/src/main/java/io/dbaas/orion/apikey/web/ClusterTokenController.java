package io.dbaas.orion.apikey.web;

import io.dbaas.orion.account.Caller;
import io.dbaas.orion.apikey.ClusterTokenIssuer;
import io.dbaas.orion.shared.Audited;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Short-lived bearer tokens for a cluster of the caller's account. Who may call: admins. Tokens are not stored, so
 * there is nothing to list or revoke: they expire.
 */
@RestController
@RequestMapping("/v1/clusters/{clusterId}/tokens")
class ClusterTokenController {

    private final ClusterTokenIssuer issuer;

    ClusterTokenController(ClusterTokenIssuer issuer) {
        this.issuer = issuer;
    }

    /** Issues a token, shown this once; GateKeeper takes it as {@code Authorization: Bearer <token>}. */
    @PostMapping
    @PreAuthorize("hasRole('ADMIN')")
    // Tokens are not stored and have no id of their own: the event names the cluster they open.
    @Audited(action = "cluster-token.issue", resourceType = "cluster", resourceId = "{clusterId}")
    @ApiResponse(
            responseCode = "409",
            description = "The cluster is not running, so it has no master key to sign with"
                    + " (urn:dbaas:problem:cluster-not-running).",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(
            responseCode = "422",
            description = "expires_in_seconds is outside the allowed bounds (urn:dbaas:problem:expiry-out-of-range).",
            content = @Content(mediaType = "application/problem+json"))
    ResponseEntity<ClusterTokenResponse> issue(
            @AuthenticationPrincipal Caller caller,
            @PathVariable UUID clusterId,
            @RequestBody NewClusterTokenRequest request) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .cacheControl(CacheControl.noStore())
                .body(ClusterTokenResponse.of(
                        issuer.issue(caller.accountId(), clusterId, request.scope(), request.expiresInSeconds())));
    }
}
