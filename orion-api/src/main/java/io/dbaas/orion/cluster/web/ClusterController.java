package io.dbaas.orion.cluster.web;

import io.dbaas.orion.account.Caller;
import io.dbaas.orion.cluster.Claim;
import io.dbaas.orion.cluster.Cluster;
import io.dbaas.orion.cluster.ClusterClaims;
import io.dbaas.orion.cluster.ClusterListing;
import io.dbaas.orion.cluster.ClusterQuery;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.net.URI;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
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

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    /** Says that a response repeats the one an earlier request with the same key got. */
    static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";

    private final ClusterClaims claims;
    private final IdempotentClaims idempotentClaims;
    private final ClusterListing listing;

    ClusterController(ClusterClaims claims, IdempotentClaims idempotentClaims, ClusterListing listing) {
        this.claims = claims;
        this.idempotentClaims = idempotentClaims;
        this.listing = listing;
    }

    /**
     * Accepts a claim at once; provisioning goes on in the background, or waits for capacity. With an
     * {@code Idempotency-Key}, a repeat of the same request (same account, key and body) gets the first response again
     * and creates nothing; the key with a different body is refused. With {@code dry_run=true}, validates everything
     * the claim would (capacity included) and answers {@code 200} with what would be created, storing and publishing
     * nothing; a dry run ignores the key.
     */
    @PostMapping
    @PreAuthorize("hasRole('ADMIN')")
    // The answer's type depends on dry_run, so the document is told both shapes.
    @ApiResponse(
            responseCode = "202",
            description = "Accepted: the cluster, PENDING or WAITING_FOR_CAPACITY; Location names it.",
            content = @Content(schema = @Schema(implementation = ClusterResponse.class)))
    @ApiResponse(
            responseCode = "200",
            description = "Dry run: what would be created, and whether it would wait for capacity.",
            content = @Content(schema = @Schema(implementation = DryRunResponse.class)))
    @ApiResponse(
            responseCode = "422",
            description =
                    "The Idempotency-Key was used for a different claim (urn:dbaas:problem:idempotency-key-reused).",
            content = @Content(mediaType = "application/problem+json"))
    ResponseEntity<?> claim(
            @AuthenticationPrincipal Caller caller,
            @RequestParam(name = "dry_run", defaultValue = "false") boolean dryRun,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) @Nullable String idempotencyKey,
            @RequestBody Claim claim) {
        if (dryRun) {
            return ResponseEntity.ok(DryRunResponse.of(claims.preview(claim)));
        }
        if (idempotencyKey != null) {
            IdempotentClaims.Answer answer = idempotentClaims.claim(caller.accountId(), idempotencyKey, claim);
            return ResponseEntity.status(answer.response().status())
                    .location(URI.create(answer.response().location()))
                    .contentType(MediaType.APPLICATION_JSON)
                    .header(IDEMPOTENT_REPLAYED, String.valueOf(answer.replayed()))
                    .body(answer.response().body());
        }
        Cluster cluster = claims.claim(caller.accountId(), claim);
        return ResponseEntity.accepted().location(URI.create(location(cluster))).body(ClusterResponse.of(cluster));
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

    static String location(Cluster cluster) {
        return "/v1/clusters/" + cluster.id();
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasRole('VIEWER')")
    ClusterResponse get(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        return ClusterResponse.of(claims.find(caller.accountId(), id));
    }
}
