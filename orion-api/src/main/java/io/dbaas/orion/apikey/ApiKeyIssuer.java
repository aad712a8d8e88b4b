package io.dbaas.orion.apikey;

import io.dbaas.contracts.security.DerivedApiKeys;
import io.dbaas.contracts.security.MasterKeyCipher;
import io.dbaas.orion.cluster.Cluster;
import io.dbaas.orion.cluster.ClusterClaims;
import io.dbaas.orion.cluster.ClusterState;
import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Issues API keys derived from a cluster's master key (salted HMAC), so GateKeeper can check them with the master key
 * alone. Orion keeps no copy of the key: it is shown once. The master key is opened only in memory, never returned.
 */
@Service
public class ApiKeyIssuer {

    private final ClusterClaims clusters;
    private final MasterKeyCipher cipher;
    private final Clock clock;

    public ApiKeyIssuer(ClusterClaims clusters, MasterKeyCipher cipher, Clock clock) {
        this.clusters = clusters;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** A new key for a cluster of the account; another account's cluster is not found. */
    public IssuedApiKey issue(UUID accountId, UUID clusterId) {
        Cluster cluster = clusters.find(accountId, clusterId);
        String sealed = cluster.sealedMasterKey()
                .filter(key -> cluster.state() == ClusterState.RUNNING)
                .orElseThrow(() -> new ClusterNotRunningException(clusterId, cluster.state()));
        String key = DerivedApiKeys.newKey(cipher.open(clusterId, sealed));
        return new IssuedApiKey(clusterId, key, clock.instant());
    }
}
