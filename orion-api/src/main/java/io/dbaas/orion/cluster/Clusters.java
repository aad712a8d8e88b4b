package io.dbaas.orion.cluster;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.repository.ListCrudRepository;

/** All clusters. */
public interface Clusters extends ListCrudRepository<Cluster, UUID>, JpaSpecificationExecutor<Cluster> {

    Optional<Cluster> findByIdAndAccountId(UUID id, UUID accountId);
}
