package io.dbaas.gatekeeper.routing;

import io.dbaas.contracts.security.ApiKeys;
import io.dbaas.contracts.security.ApiKeys.PresentedKey;
import io.dbaas.gatekeeper.directory.ClusterDirectory;
import io.dbaas.gatekeeper.directory.ClusterRoute;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Decides whether a presented credential opens a cluster. Every refusal is the same empty answer, whatever the
 * reason (malformed, another cluster's, forged, expired, revoked), so a caller cannot learn which it was.
 *
 * <p>All in memory: a format check, one HMAC compared in constant time (by {@link ApiKeys#isGenuine} or the token
 * verifier), and a map lookup for revocations. Nothing blocks.
 */
final class CredentialCheck {

    private final ClusterDirectory directory;
    private final Clock clock;

    CredentialCheck(ClusterDirectory directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    Optional<Grant> check(ClusterRoute route, PresentedCredential presented) {
        Instant now = clock.instant();
        return switch (presented) {
            case PresentedCredential.None none -> Optional.empty();
            case PresentedCredential.ApiKey key -> checkKey(route, key.value(), now);
            case PresentedCredential.BearerToken token ->
                route.masterKey()
                        .verify(route.clusterId(), token.value(), now)
                        .map(verified -> new Grant(token.value(), verified.scope()));
        };
    }

    private Optional<Grant> checkKey(ClusterRoute route, String presented, Instant now) {
        Optional<PresentedKey> parsed = ApiKeys.parse(presented);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        PresentedKey key = parsed.get();
        // The MAC first: whether a key is expired or revoked is nobody's business until it is known to be genuine.
        if (!route.masterKey().issued(key)
                || key.expiredAt(now)
                || directory.isRevoked(route.clusterId(), key.keyId())) {
            return Optional.empty();
        }
        return Optional.of(new Grant(presented, key.scope()));
    }
}
