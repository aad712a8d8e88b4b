package io.dbaas.orion.operation;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.query.Param;

/** Every operation of every cluster. */
public interface Operations extends ListCrudRepository<Operation, UUID> {

    Optional<Operation> findByIdAndAccountId(UUID id, UUID accountId);

    List<Operation> findByClusterIdOrderByCreatedAtDescIdDesc(UUID clusterId);

    /** The lifecycle operations under way of these clusters: at most one each (backups run beside them). */
    @Query("""
            select o from Operation o
            where o.clusterId in :clusters
              and o.kind <> io.dbaas.orion.operation.OperationKind.BACKUP
              and o.state in (io.dbaas.orion.operation.OperationState.PENDING,
                              io.dbaas.orion.operation.OperationState.RUNNING)""")
    List<Operation> inProgressOf(@Param("clusters") Collection<UUID> clusterIds);

    default Optional<Operation> inProgressOf(UUID clusterId) {
        return inProgressOf(List.of(clusterId)).stream().findFirst();
    }

    /**
     * Writes pending changes now (served by Spring Data JPA's own repository). Hibernate writes new rows before changed
     * ones, so an operation that ends must be written before the one that takes its place is saved.
     */
    void flush();
}
