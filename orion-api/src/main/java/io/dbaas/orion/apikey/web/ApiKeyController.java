package io.dbaas.orion.apikey.web;

import io.dbaas.orion.apikey.ApiKeyIssuer;
import io.dbaas.orion.apikey.IssuedApiKey;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * API keys of a cluster. Who may call: until accounts and roles exist, anyone who can reach Orion's port, which the
 * local run binds to the loopback interface only.
 */
@RestController
@RequestMapping("/v1/clusters/{clusterId}/api-keys")
class ApiKeyController {

    private final ApiKeyIssuer issuer;

    ApiKeyController(ApiKeyIssuer issuer) {
        this.issuer = issuer;
    }

    /** Creates a key and shows it this once; it is stored nowhere. */
    @PostMapping
    ResponseEntity<IssuedApiKey> create(@PathVariable UUID clusterId) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .cacheControl(CacheControl.noStore())
                .body(issuer.issue(clusterId));
    }
}
