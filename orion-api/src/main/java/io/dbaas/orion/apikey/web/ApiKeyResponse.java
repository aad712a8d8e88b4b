package io.dbaas.orion.apikey.web;

import io.dbaas.orion.apikey.ApiKey;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A key's metadata: {@code id} is the key id written inside the key, {@code last_characters} its last four characters;
 * the key itself never appears here. {@code state} is {@code active}, {@code expired} or {@code revoked}.
 */
record ApiKeyResponse(
        String id,
        String name,
        String scope,
        Instant createdAt,
        @Nullable Instant expiresAt,
        String lastCharacters,
        @Nullable Instant revokedAt,
        String state) {

    static ApiKeyResponse of(ApiKey key, Instant now) {
        return new ApiKeyResponse(
                key.keyId(),
                key.name(),
                key.scope().id(),
                key.createdAt(),
                key.expiresAt().orElse(null),
                key.lastCharacters(),
                key.revokedAt().orElse(null),
                key.stateAt(now).id());
    }
}
