package io.dbaas.orion.cluster.web;

import io.dbaas.orion.account.Caller;
import io.dbaas.orion.cluster.Claim;
import io.dbaas.orion.cluster.Cluster;
import io.dbaas.orion.cluster.ClusterClaims;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Cluster claims and status, within the caller's account. Who may call: admins claim, viewers (and every role above)
 * read.
 */
@RestController
@RequestMapping("/v1/clusters")
class ClusterController {

    private final ClusterClaims claims;

    ClusterController(ClusterClaims claims) {
        this.claims = claims;
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

    @GetMapping("/{id}")
    @PreAuthorize("hasRole('VIEWER')")
    ClusterResponse get(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        return ClusterResponse.of(claims.find(caller.accountId(), id));
    }
}
