package io.dbaas.orion.account.web;

import io.dbaas.orion.account.Credential;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A credential's metadata. Neither the token nor its hash ever appears here. */
record CredentialResponse(
        UUID id,
        UUID accountId,
        String name,
        String role,
        Instant createdAt,
        @Nullable Instant revokedAt) {

    static CredentialResponse of(Credential credential) {
        return new CredentialResponse(
                credential.id(),
                credential.accountId(),
                credential.name(),
                credential.role().id(),
                credential.createdAt(),
                credential.revokedAt().orElse(null));
    }
}
