package io.dbaas.orion.cluster.web;

import io.dbaas.orion.account.Caller;
import io.dbaas.orion.cluster.Claim;
import io.dbaas.orion.cluster.Cluster;
import io.dbaas.orion.cluster.ClusterClaims;
import io.dbaas.orion.cluster.ClusterListing;
import io.dbaas.orion.cluster.ClusterQuery;
import java.net.URI;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Cluster claims and status, within the caller's account. Who may call: admins claim, viewers (and every role above)
 * read.
 */
@RestController
@RequestMapping("/v1/clusters")
class ClusterController {

    private final ClusterClaims claims;
    private final ClusterListing listing;

    ClusterController(ClusterClaims claims, ClusterListing listing) {
        this.claims = claims;
        this.listing = listing;
    }

    /** Accepts a claim at once; provisioning goes on in the background. */
    @PostMapping
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<ClusterResponse> claim(@AuthenticationPrincipal Caller caller, @RequestBody Claim claim) {
        Cluster cluster = claims.claim(caller.accountId(), claim);
        return ResponseEntity.accepted()
                .location(URI.create("/v1/clusters/" + cluster.id()))
                .body(ClusterResponse.of(cluster));
    }

    /** The account's clusters, newest first, a page at a time; every filter given must match. */
    @GetMapping
    @PreAuthorize("hasRole('VIEWER')")
    ClusterListResponse list(
            @AuthenticationPrincipal Caller caller,
            @RequestParam(name = "state", required = false) @Nullable String state,
            @RequestParam(name = "engine", required = false) @Nullable String engine,
            @RequestParam(name = "provider", required = false) @Nullable String provider,
            @RequestParam(name = "region", required = false) @Nullable String region,
            @RequestParam(name = "page_size", required = false) @Nullable Integer pageSize,
            @RequestParam(name = "page_token", required = false) @Nullable String pageToken) {
        var query = new ClusterQuery(state, engine, provider, region, pageSize, pageToken);
        return ClusterListResponse.of(listing.list(caller.accountId(), query));
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasRole('VIEWER')")
    ClusterResponse get(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        return ClusterResponse.of(claims.find(caller.accountId(), id));
    }
}
