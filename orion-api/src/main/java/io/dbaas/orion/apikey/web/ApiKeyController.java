package io.dbaas.orion.apikey.web;

import io.dbaas.orion.account.Caller;
import io.dbaas.orion.apikey.ApiKeyDirectory;
import io.dbaas.orion.apikey.ApiKeyIssuer;
import io.dbaas.orion.apikey.ApiKeyRevoker;
import io.dbaas.orion.apikey.IssuedApiKey;
import io.dbaas.orion.shared.Audited;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * API keys of a cluster of the caller's account. Who may call: admins create and revoke, viewers (and every role
 * above) read the keys' metadata. The key itself appears in one answer only, the one that creates it.
 */
@RestController
@RequestMapping("/v1/clusters/{clusterId}/api-keys")
class ApiKeyController {

    private final ApiKeyIssuer issuer;
    private final ApiKeyDirectory directory;
    private final ApiKeyRevoker revoker;
    private final Clock clock;

    ApiKeyController(ApiKeyIssuer issuer, ApiKeyDirectory directory, ApiKeyRevoker revoker, Clock clock) {
        this.issuer = issuer;
        this.directory = directory;
        this.revoker = revoker;
        this.clock = clock;
    }

    /** Creates a key and shows it this once; Orion keeps its metadata only. */
    @PostMapping
    @PreAuthorize("hasRole('ADMIN')")
    @Audited(action = "api-key.issue", resourceType = "api-key")
    @ApiResponse(
            responseCode = "409",
            description = "The cluster is not running, so it has no master key to derive from"
                    + " (urn:dbaas:problem:cluster-not-running).",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(
            responseCode = "422",
            description = "expires_at is in the past or too far ahead (urn:dbaas:problem:expiry-out-of-range).",
            content = @Content(mediaType = "application/problem+json"))
    ResponseEntity<IssuedApiKeyResponse> create(
            @AuthenticationPrincipal Caller caller,
            @PathVariable UUID clusterId,
            @RequestBody NewApiKeyRequest request) {
        IssuedApiKey issued = issuer.issue(caller, clusterId, request.name(), request.scope(), request.expiresAt());
        return ResponseEntity.status(HttpStatus.CREATED)
                .location(URI.create(location(clusterId, issued.record().keyId())))
                .cacheControl(CacheControl.noStore())
                .body(IssuedApiKeyResponse.of(issued, clock.instant()));
    }

    /** The cluster's keys, oldest first, revoked and expired ones included; never the keys themselves. */
    @GetMapping
    @PreAuthorize("hasRole('VIEWER')")
    ApiKeyListResponse list(@AuthenticationPrincipal Caller caller, @PathVariable UUID clusterId) {
        Instant now = clock.instant();
        return new ApiKeyListResponse(directory.list(caller.accountId(), clusterId).stream()
                .map(key -> ApiKeyResponse.of(key, now))
                .toList());
    }

    @GetMapping("/{keyId}")
    @PreAuthorize("hasRole('VIEWER')")
    ApiKeyResponse get(
            @AuthenticationPrincipal Caller caller, @PathVariable UUID clusterId, @PathVariable String keyId) {
        return ApiKeyResponse.of(directory.find(caller.accountId(), clusterId, keyId), clock.instant());
    }

    /**
     * Revokes the key: every GateKeeper refuses it within a second of this answer. Revoking a revoked key answers the
     * same and changes nothing.
     */
    @DeleteMapping("/{keyId}")
    @PreAuthorize("hasRole('ADMIN')")
    @Audited(action = "api-key.revoke", resourceType = "api-key", resourceId = "{keyId}")
    ResponseEntity<Void> revoke(
            @AuthenticationPrincipal Caller caller, @PathVariable UUID clusterId, @PathVariable String keyId) {
        revoker.revoke(caller.accountId(), clusterId, keyId);
        return ResponseEntity.noContent().build();
    }

    private static String location(UUID clusterId, String keyId) {
        return "/v1/clusters/" + clusterId + "/api-keys/" + keyId;
    }
}
