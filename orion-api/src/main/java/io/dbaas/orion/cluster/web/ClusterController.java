package io.dbaas.orion.cluster.web;

import io.dbaas.orion.cluster.Claim;
import io.dbaas.orion.cluster.Cluster;
import io.dbaas.orion.cluster.ClusterClaims;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Cluster claims and status. Who may call: until accounts and roles exist, anyone who can reach Orion's port, which
 * the local run binds to the loopback interface only.
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
    ResponseEntity<ClusterResponse> claim(@RequestBody Claim claim) {
        Cluster cluster = claims.claim(claim);
        return ResponseEntity.accepted()
                .location(URI.create("/v1/clusters/" + cluster.id()))
                .body(ClusterResponse.of(cluster));
    }

    @GetMapping("/{id}")
    ClusterResponse get(@PathVariable UUID id) {
        return ClusterResponse.of(claims.find(id));
    }
}
