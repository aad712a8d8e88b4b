package io.dbaas.orion.cluster.web;

import io.dbaas.orion.account.Caller;
import io.dbaas.orion.cluster.AcceptedClaim;
import io.dbaas.orion.cluster.BackupSummaries;
import io.dbaas.orion.cluster.Claim;
import io.dbaas.orion.cluster.Cluster;
import io.dbaas.orion.cluster.ClusterChange;
import io.dbaas.orion.cluster.ClusterChanges;
import io.dbaas.orion.cluster.ClusterClaims;
import io.dbaas.orion.cluster.ClusterListing;
import io.dbaas.orion.cluster.ClusterQuery;
import io.dbaas.orion.operation.Operation;
import io.dbaas.orion.operation.OperationQueries;
import io.dbaas.orion.operation.web.OperationResponse;
import io.dbaas.orion.shared.Audited;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.net.URI;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Cluster claims, status and lifecycle, within the caller's account. Who may call: admins claim, change and delete,
 * viewers (and every role above) read.
 */
@RestController
@RequestMapping("/v1/clusters")
class ClusterController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    /** Says that a response repeats the one an earlier request with the same key got. */
    static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";

    /** Names the operation a {@code 202} started, where {@code Location} names something else (the claimed cluster). */
    static final String OPERATION_LOCATION = "Operation-Location";

    static final String MERGE_PATCH_JSON = "application/merge-patch+json";

    private final ClusterClaims claims;
    private final IdempotentClaims idempotentClaims;
    private final ClusterListing listing;
    private final ClusterChanges changes;
    private final OperationQueries operations;
    private final BackupSummaries backups;

    ClusterController(
            ClusterClaims claims,
            IdempotentClaims idempotentClaims,
            ClusterListing listing,
            ClusterChanges changes,
            OperationQueries operations,
            BackupSummaries backups) {
        this.claims = claims;
        this.idempotentClaims = idempotentClaims;
        this.listing = listing;
        this.changes = changes;
        this.operations = operations;
        this.backups = backups;
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
    @Audited(action = "cluster.claim", resourceType = "cluster")
    // The answer's type depends on dry_run, so the document is told both shapes.
    @ApiResponse(
            responseCode = "202",
            description = "Accepted: the cluster, PENDING or WAITING_FOR_CAPACITY, with its create operation;"
                    + " Location names the cluster, Operation-Location the operation.",
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
            return ResponseEntity.ok(DryRunResponse.of(claims.preview(caller.accountId(), claim)));
        }
        if (idempotencyKey != null) {
            IdempotentClaims.Answer answer = idempotentClaims.claim(caller.accountId(), idempotencyKey, claim);
            var response = ResponseEntity.status(answer.response().status())
                    .location(URI.create(answer.response().location()))
                    .contentType(MediaType.APPLICATION_JSON)
                    .header(IDEMPOTENT_REPLAYED, String.valueOf(answer.replayed()));
            if (!answer.operationLocation().isEmpty()) {
                response.header(OPERATION_LOCATION, answer.operationLocation());
            }
            return response.body(answer.response().body());
        }
        AcceptedClaim accepted = claims.claim(caller.accountId(), claim);
        return ResponseEntity.accepted()
                .location(URI.create(location(accepted.cluster())))
                .header(OPERATION_LOCATION, OperationResponse.location(accepted.creation()))
                .body(ClusterResponse.of(accepted.cluster(), accepted.creation()));
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

    /**
     * The cluster, with a strong {@code ETag} (its version, which every change moves) to send back in {@code If-Match}
     * when changing or deleting it.
     */
    @GetMapping("/{id}")
    @PreAuthorize("hasRole('VIEWER')")
    ResponseEntity<ClusterResponse> get(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        Cluster cluster = claims.find(caller.accountId(), id);
        return ResponseEntity.ok()
                .eTag(cluster.etag())
                .body(ClusterResponse.of(cluster, operations.inProgressOf(id).orElse(null))
                        .withBackups(backups.of(id)));
    }

    /**
     * Scales, resizes or upgrades a RUNNING or DEGRADED cluster (JSON merge patch: the fields given change, the others
     * stay). Answers {@code 202} with the operation; the cluster is UPDATING until Nebula reports. An upgrade is asked
     * for on its own, never with a new size. With {@code If-Match}, only the cluster version it names is changed.
     */
    @PatchMapping(
            path = "/{id}",
            consumes = {MERGE_PATCH_JSON, MediaType.APPLICATION_JSON_VALUE})
    @PreAuthorize("hasRole('ADMIN')")
    @Audited(action = "cluster.change", resourceType = "cluster", resourceId = "{id}")
    @ApiResponse(
            responseCode = "202",
            description = "Accepted: the operation (scale or upgrade); Location names it.",
            content = @Content(schema = @Schema(implementation = OperationResponse.class)))
    @ApiResponse(
            responseCode = "400",
            description = "A field is malformed, out of bounds or not offered (urn:dbaas:problem:invalid-change), or"
                    + " unknown (urn:dbaas:problem:malformed-request).",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(
            responseCode = "409",
            description = "Another operation is under way (urn:dbaas:problem:operation-in-progress), the cluster is"
                    + " not RUNNING or DEGRADED (urn:dbaas:problem:cluster-state-conflict), or its region cannot hold"
                    + " the new size (urn:dbaas:problem:capacity-exceeded).",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(
            responseCode = "412",
            description = "If-Match names an outdated version (urn:dbaas:problem:precondition-failed).",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(
            responseCode = "422",
            description = "A downgrade, an upgrade off the engine's upgrade path, a smaller disk, a version with a"
                    + " new size, or no change (urn:dbaas:problem:change-refused).",
            content = @Content(mediaType = "application/problem+json"))
    ResponseEntity<OperationResponse> change(
            @AuthenticationPrincipal Caller caller,
            @PathVariable UUID id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            @RequestBody ClusterChange change) {
        return accepted(changes.change(caller.accountId(), id, change, ifMatch));
    }

    /**
     * Deletes a cluster that is RUNNING, DEGRADED, FAILED or WAITING_FOR_CAPACITY. Answers {@code 202} with the
     * operation; the cluster is DELETING until Nebula reports it gone. One still waiting for capacity was never
     * provisioned: it is DELETED at once and its operation has already succeeded.
     */
    @DeleteMapping("/{id}")
    @PreAuthorize("hasRole('ADMIN')")
    @Audited(action = "cluster.delete", resourceType = "cluster", resourceId = "{id}")
    @ApiResponse(
            responseCode = "202",
            description = "Accepted: the delete operation; Location names it.",
            content = @Content(schema = @Schema(implementation = OperationResponse.class)))
    @ApiResponse(
            responseCode = "409",
            description = "Another operation is under way (urn:dbaas:problem:operation-in-progress), or the cluster"
                    + " is being created or already deleted (urn:dbaas:problem:cluster-state-conflict).",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(
            responseCode = "412",
            description = "If-Match names an outdated version (urn:dbaas:problem:precondition-failed).",
            content = @Content(mediaType = "application/problem+json"))
    ResponseEntity<OperationResponse> delete(
            @AuthenticationPrincipal Caller caller,
            @PathVariable UUID id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
        return accepted(changes.delete(caller.accountId(), id, ifMatch));
    }

    private static ResponseEntity<OperationResponse> accepted(Operation operation) {
        return ResponseEntity.accepted()
                .location(URI.create(OperationResponse.location(operation)))
                .body(OperationResponse.of(operation));
    }
}
