package io.dbaas.gatekeeper.directory;

import io.dbaas.contracts.security.ApiKeys;
import io.dbaas.contracts.security.ClusterTokens;
import io.dbaas.contracts.security.ClusterTokens.VerifiedToken;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A cluster's master key, opened in memory, with the token signing key derived from it. A class rather than a string
 * so that it cannot end up in a log line, an exception or an error body by accident: {@link #toString()} never shows
 * it.
 */
public final class MasterKey {

    private final String value;

    /** Derived once, when the route is built: an HMAC per request would be wasted work. */
    private final byte[] tokenSigningKey;

    /** Keyed once, when the route is built, for the same reason: not a MAC lookup and keying per request. */
    private final ApiKeys.Verifier apiKeys;

    public MasterKey(String value) {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a master key must not be blank");
        }
        this.value = value;
        this.tokenSigningKey = ClusterTokens.signingKey(value);
        this.apiKeys = ApiKeys.verifier(value);
    }

    /** Whether {@code key} was derived from this master key; the MAC is compared in constant time. */
    public boolean issued(ApiKeys.PresentedKey key) {
        return apiKeys.isGenuine(key);
    }

    /** The token's grant, when it is a genuine, unexpired, scoped token of {@code clusterId}. */
    public Optional<VerifiedToken> verify(UUID clusterId, String token, Instant now) {
        return ClusterTokens.verify(tokenSigningKey, clusterId, token, now);
    }

    /** The value to send to the cluster itself, and nowhere else. */
    public String upstreamCredential() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MasterKey that && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "MasterKey[redacted]";
    }
}
