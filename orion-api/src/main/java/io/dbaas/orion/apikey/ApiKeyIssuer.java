package io.dbaas.orion.apikey;

import io.dbaas.contracts.security.ApiKeys;
import io.dbaas.orion.account.Caller;
import io.dbaas.orion.cluster.Cluster;
import io.dbaas.orion.cluster.ClusterClaims;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues API keys derived from a cluster's master key ({@link ApiKeys}): the key carries its id, scope and expiry,
 * authenticated by an HMAC under the master key, so GateKeeper checks it with the master key alone. Orion records the
 * key's metadata and keeps no copy of the key nor anything that could check a guess at it without the master key.
 */
@Service
public class ApiKeyIssuer {

    private final ClusterClaims clusters;
    private final ClusterMasterKeys masterKeys;
    private final CredentialRequestRules rules;
    private final IssuedApiKeys keys;
    private final Clock clock;

    ApiKeyIssuer(
            ClusterClaims clusters,
            ClusterMasterKeys masterKeys,
            CredentialRequestRules rules,
            IssuedApiKeys keys,
            Clock clock) {
        this.clusters = clusters;
        this.masterKeys = masterKeys;
        this.rules = rules;
        this.keys = keys;
        this.clock = clock;
    }

    /**
     * A new key for a cluster of the caller's account; another account's cluster is not found.
     *
     * @throws InvalidCredentialRequestException when the name or scope is missing or wrong; nothing is stored
     * @throws LifetimeOutOfRangeException when the expiry is past or too far ahead; nothing is stored
     * @throws ClusterNotRunningException when the cluster has no master key to derive from
     */
    @Transactional
    public IssuedApiKey issue(
            Caller caller, UUID clusterId, @Nullable String name, @Nullable String scope, @Nullable Instant expiresAt) {
        Cluster cluster = clusters.find(caller.accountId(), clusterId);
        NewApiKey request = rules.apiKey(name, scope, expiresAt);
        ApiKeys.IssuedKey issued = ApiKeys.issue(masterKeys.open(cluster), request.scope(), request.expiresAt());
        ApiKey record = keys.save(ApiKey.issued(
                issued.keyId(),
                clusterId,
                caller.accountId(),
                request,
                // What PostgreSQL keeps, so that this answer and every later one show the same instant.
                clock.instant().truncatedTo(ChronoUnit.MICROS),
                ApiKeys.lastCharacters(issued.key()),
                caller.credentialId()));
        return new IssuedApiKey(record, issued.key());
    }
}
