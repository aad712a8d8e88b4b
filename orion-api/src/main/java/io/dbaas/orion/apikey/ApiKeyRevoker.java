package io.dbaas.orion.apikey;

import io.dbaas.contracts.access.ApiKeyRevoked;
import io.dbaas.contracts.tracing.MessageTracing;
import io.dbaas.orion.cluster.ClusterClaims;
import io.dbaas.orion.outbox.Outbox;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Revokes API keys. A key checks out against the master key for as long as it has not expired, so revoking it is
 * news every GateKeeper must hear: the {@link ApiKeyRevoked} event is written to the outbox in the transaction that
 * marks the key revoked, and the relay publishes it as soon as that commits.
 */
@Service
public class ApiKeyRevoker {

    private final ClusterClaims clusters;
    private final IssuedApiKeys keys;
    private final Outbox outbox;
    private final Clock clock;
    private final MessageTracing tracing;

    ApiKeyRevoker(ClusterClaims clusters, IssuedApiKeys keys, Outbox outbox, Clock clock, MessageTracing tracing) {
        this.clusters = clusters;
        this.keys = keys;
        this.outbox = outbox;
        this.clock = clock;
        this.tracing = tracing;
    }

    /**
     * Revokes the key of a cluster of the account. Revoking a revoked key changes nothing and writes no second event;
     * an expired key is revoked like any other (it may be one a client still holds and retries).
     *
     * @throws ApiKeyNotFoundException when the cluster has no such key
     */
    @Transactional
    public ApiKey revoke(UUID accountId, UUID clusterId, String keyId) {
        if (!ApiKey.isWellFormedId(keyId)) {
            throw new ApiKeyNotFoundException(clusterId);
        }
        clusters.find(accountId, clusterId);
        ApiKey key = keys.findForUpdateByKeyIdAndClusterIdAndAccountId(keyId, clusterId, accountId)
                .orElseThrow(() -> new ApiKeyNotFoundException(clusterId));
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (key.revoke(now)) {
            outbox.append(new ApiKeyRevoked(
                    UUID.randomUUID(),
                    now,
                    tracing.startingChain(UUID.randomUUID()),
                    clusterId,
                    key.keyId(),
                    key.expiresAt().orElse(null)));
        }
        return key;
    }
}
