package io.dbaas.orion.apikey;

import io.dbaas.contracts.security.KeyScope;
import java.time.Instant;
import java.util.UUID;

/** A new token: its id ({@code jti}), what it grants until when, and the token itself, shown once and kept nowhere. */
public record IssuedClusterToken(
        UUID tokenId, UUID clusterId, KeyScope scope, Instant issuedAt, Instant expiresAt, String token) {

    @Override
    public String toString() {
        return "IssuedClusterToken[tokenId=" + tokenId + ", clusterId=" + clusterId + ", scope=" + scope
                + ", expiresAt=" + expiresAt + "]";
    }
}
