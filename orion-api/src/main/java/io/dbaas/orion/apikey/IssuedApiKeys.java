package io.dbaas.orion.apikey;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.repository.Repository;

/** The keys issued for clusters, as metadata. Every lookup names the account, so keys never cross accounts. */
public interface IssuedApiKeys extends Repository<ApiKey, String> {

    ApiKey save(ApiKey key);

    List<ApiKey> findByClusterIdAndAccountIdOrderByCreatedAtAscKeyIdAsc(UUID clusterId, UUID accountId);

    Optional<ApiKey> findByKeyIdAndClusterIdAndAccountId(String keyId, UUID clusterId, UUID accountId);

    /** The key, locked until the transaction ends, so that two revocations at once write one event. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    Optional<ApiKey> findForUpdateByKeyIdAndClusterIdAndAccountId(String keyId, UUID clusterId, UUID accountId);
}
