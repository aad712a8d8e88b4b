package io.dbaas.orion.apikey.web;

import io.dbaas.orion.account.Caller;
import io.dbaas.orion.apikey.ApiKeyIssuer;
import io.dbaas.orion.apikey.IssuedApiKey;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** API keys of a cluster. Who may call: admins of the account that owns the cluster. */
@RestController
@RequestMapping("/v1/clusters/{clusterId}/api-keys")
class ApiKeyController {

    private final ApiKeyIssuer issuer;

    ApiKeyController(ApiKeyIssuer issuer) {
        this.issuer = issuer;
    }

    /** Creates a key and shows it this once; it is stored nowhere. */
    @PostMapping
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<IssuedApiKey> create(@AuthenticationPrincipal Caller caller, @PathVariable UUID clusterId) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .cacheControl(CacheControl.noStore())
                .body(issuer.issue(caller.accountId(), clusterId));
    }
}
