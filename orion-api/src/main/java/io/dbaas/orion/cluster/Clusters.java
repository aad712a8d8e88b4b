package io.dbaas.orion.cluster;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.query.Param;

/** All clusters. */
public interface Clusters extends ListCrudRepository<Cluster, UUID>, JpaSpecificationExecutor<Cluster> {

    Optional<Cluster> findByIdAndAccountId(UUID id, UUID accountId);

    /** How many clusters of every account live in the region, or are on their way there or out of it. */
    @Query("""
            select count(c) from Cluster c
            where c.provider = :provider and c.region = :region
              and c.state <> io.dbaas.orion.cluster.ClusterState.DELETED""")
    long countNotDeletedIn(@Param("provider") String provider, @Param("region") String region);

    /** Where the account's cluster lives, without loading it: its lock is taken after its region's. */
    @Query("""
            select new io.dbaas.orion.cluster.ClusterRef(c.engine, c.provider, c.region)
            from Cluster c where c.id = :id and c.accountId = :accountId""")
    Optional<ClusterRef> findRefByIdAndAccountId(@Param("id") UUID id, @Param("accountId") UUID accountId);

    /**
     * The cluster, read again and locked until the transaction ends ({@code SELECT … FOR NO KEY UPDATE}), so that two
     * changes of one cluster are decided one after the other. Taken after the region's lock, never before, as capacity
     * admission does.
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select c from Cluster c where c.id = :id")
    Optional<Cluster> lock(@Param("id") UUID id);
}
