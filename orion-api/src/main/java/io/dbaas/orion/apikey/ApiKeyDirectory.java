package io.dbaas.orion.apikey;

import io.dbaas.orion.cluster.ClusterClaims;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The keys of a cluster of the caller's account, as metadata: the keys themselves are not kept anywhere. */
@Service
public class ApiKeyDirectory {

    private final ClusterClaims clusters;
    private final IssuedApiKeys keys;

    ApiKeyDirectory(ClusterClaims clusters, IssuedApiKeys keys) {
        this.clusters = clusters;
        this.keys = keys;
    }

    /** Every key of the cluster, oldest first, revoked and expired ones included. */
    @Transactional(readOnly = true)
    public List<ApiKey> list(UUID accountId, UUID clusterId) {
        clusters.find(accountId, clusterId);
        return keys.findByClusterIdAndAccountIdOrderByCreatedAtAscKeyIdAsc(clusterId, accountId);
    }

    /** One key of the cluster. */
    @Transactional(readOnly = true)
    public ApiKey find(UUID accountId, UUID clusterId, String keyId) {
        if (!ApiKey.isWellFormedId(keyId)) {
            throw new ApiKeyNotFoundException(clusterId);
        }
        clusters.find(accountId, clusterId);
        return keys.findByKeyIdAndClusterIdAndAccountId(keyId, clusterId, accountId)
                .orElseThrow(() -> new ApiKeyNotFoundException(clusterId));
    }
}
