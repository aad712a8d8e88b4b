package io.dbaas.orion.account.web;

import io.dbaas.orion.account.AccountAdministration;
import io.dbaas.orion.account.NewAccount;
import io.dbaas.orion.shared.Audited;
import java.net.URI;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Accounts. Who may call: platform operators. */
@RestController
@RequestMapping("/v1/accounts")
class AccountController {

    private final AccountAdministration administration;

    AccountController(AccountAdministration administration) {
        this.administration = administration;
    }

    /** Opens an account and returns the token of its first administrator, shown this once. */
    @PostMapping
    @PreAuthorize("hasRole('OPERATOR')")
    @Audited(action = "account.open", resourceType = "account")
    ResponseEntity<NewAccountResponse> open(@RequestBody NewAccountRequest request) {
        NewAccount opened = administration.open(request.name());
        return ResponseEntity.status(HttpStatus.CREATED)
                .location(URI.create("/v1/accounts/" + opened.account().id()))
                .cacheControl(CacheControl.noStore())
                .body(NewAccountResponse.of(opened));
    }
}
