package io.dbaas.orion.apikey.web;

import io.dbaas.orion.apikey.ApiKey;
import io.dbaas.orion.apikey.IssuedApiKey;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A key just created: its metadata and, this once, the key itself. */
record IssuedApiKeyResponse(
        String id,
        String name,
        String scope,
        Instant createdAt,
        @Nullable Instant expiresAt,
        String lastCharacters,
        String state,
        String key) {

    static IssuedApiKeyResponse of(IssuedApiKey issued, Instant now) {
        ApiKey key = issued.record();
        return new IssuedApiKeyResponse(
                key.keyId(),
                key.name(),
                key.scope().id(),
                key.createdAt(),
                key.expiresAt().orElse(null),
                key.lastCharacters(),
                key.stateAt(now).id(),
                issued.key());
    }

    @Override
    public String toString() {
        return "IssuedApiKeyResponse[id=" + id + "]";
    }
}
