package io.dbaas.orion.apikey;

import io.dbaas.contracts.security.ClusterTokens;
import io.dbaas.orion.cluster.Cluster;
import io.dbaas.orion.cluster.ClusterClaims;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Issues short-lived bearer tokens for a cluster ({@link ClusterTokens}): HS256 JWTs under a key derived from the
 * cluster's master key, so GateKeeper verifies them with what it already holds. Tokens are not stored and cannot be
 * revoked one by one; their short, bounded lifetime is what limits a leaked one.
 */
@Service
public class ClusterTokenIssuer {

    private final ClusterClaims clusters;
    private final ClusterMasterKeys masterKeys;
    private final CredentialRequestRules rules;
    private final Clock clock;

    ClusterTokenIssuer(
            ClusterClaims clusters, ClusterMasterKeys masterKeys, CredentialRequestRules rules, Clock clock) {
        this.clusters = clusters;
        this.masterKeys = masterKeys;
        this.rules = rules;
        this.clock = clock;
    }

    /**
     * A new token for a cluster of the account; another account's cluster is not found.
     *
     * @throws InvalidCredentialRequestException when the scope is missing or unknown
     * @throws LifetimeOutOfRangeException when the lifetime asked for is outside the configured bounds
     * @throws ClusterNotRunningException when the cluster has no master key to derive from
     */
    public IssuedClusterToken issue(
            UUID accountId, UUID clusterId, @Nullable String scope, @Nullable Integer expiresInSeconds) {
        Cluster cluster = clusters.find(accountId, clusterId);
        NewClusterToken request = rules.clusterToken(scope, expiresInSeconds);
        byte[] signingKey = ClusterTokens.signingKey(masterKeys.open(cluster));
        // JWT times are whole seconds; what is answered is what the token says.
        Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = issuedAt.plus(request.lifetime());
        UUID tokenId = UUID.randomUUID();
        String token = ClusterTokens.issue(signingKey, clusterId, request.scope(), issuedAt, expiresAt, tokenId);
        return new IssuedClusterToken(tokenId, clusterId, request.scope(), issuedAt, expiresAt, token);
    }
}
