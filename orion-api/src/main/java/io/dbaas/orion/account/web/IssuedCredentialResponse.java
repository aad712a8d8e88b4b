package io.dbaas.orion.account.web;

import io.dbaas.orion.account.IssuedCredential;
import java.time.Instant;
import java.util.UUID;

/** A credential just created, with its token: the only response that ever carries it. */
record IssuedCredentialResponse(UUID id, UUID accountId, String name, String role, String token, Instant createdAt) {

    static IssuedCredentialResponse of(IssuedCredential issued) {
        var credential = issued.credential();
        return new IssuedCredentialResponse(
                credential.id(),
                credential.accountId(),
                credential.name(),
                credential.role().id(),
                issued.token().value(),
                credential.createdAt());
    }

    @Override
    public String toString() {
        return "IssuedCredentialResponse[id=" + id + ", role=" + role + "]";
    }
}
