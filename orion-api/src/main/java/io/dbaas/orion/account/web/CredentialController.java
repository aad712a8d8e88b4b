package io.dbaas.orion.account.web;

import io.dbaas.orion.account.AccountAdministration;
import io.dbaas.orion.account.Caller;
import io.dbaas.orion.account.IssuedCredential;
import io.dbaas.orion.shared.Audited;
import java.net.URI;
import java.util.List;
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
 * Management credentials of an account. Who may call: admins of that account (operators administer the platform
 * account); any other account id answers 404.
 */
@RestController
@RequestMapping("/v1/accounts/{accountId}/credentials")
class CredentialController {

    private final AccountAdministration administration;

    CredentialController(AccountAdministration administration) {
        this.administration = administration;
    }

    /** Creates a credential and returns its token, shown this once and stored only as a hash. */
    @PostMapping
    @PreAuthorize("hasRole('ADMIN')")
    @Audited(action = "credential.issue", resourceType = "credential")
    ResponseEntity<IssuedCredentialResponse> create(
            @AuthenticationPrincipal Caller caller,
            @PathVariable UUID accountId,
            @RequestBody NewCredentialRequest request) {
        IssuedCredential issued = administration.issue(caller, accountId, request.name(), request.role());
        return ResponseEntity.status(HttpStatus.CREATED)
                .location(URI.create("/v1/accounts/" + accountId + "/credentials/"
                        + issued.credential().id()))
                .cacheControl(CacheControl.noStore())
                .body(IssuedCredentialResponse.of(issued));
    }

    /** Metadata only: the token is never shown again and its hash never leaves the database. */
    @GetMapping
    @PreAuthorize("hasRole('ADMIN')")
    CredentialListResponse list(@AuthenticationPrincipal Caller caller, @PathVariable UUID accountId) {
        List<CredentialResponse> items = administration.credentials(caller, accountId).stream()
                .map(CredentialResponse::of)
                .toList();
        return new CredentialListResponse(items);
    }

    /** Revokes the credential: its token is refused from now on. Revoking twice is not an error. */
    @DeleteMapping("/{credentialId}")
    @PreAuthorize("hasRole('ADMIN')")
    @Audited(action = "credential.revoke", resourceType = "credential", resourceId = "{credentialId}")
    ResponseEntity<Void> revoke(
            @AuthenticationPrincipal Caller caller, @PathVariable UUID accountId, @PathVariable UUID credentialId) {
        administration.revoke(caller, accountId, credentialId);
        return ResponseEntity.noContent().build();
    }
}
