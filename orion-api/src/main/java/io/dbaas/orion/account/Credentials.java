package io.dbaas.orion.account;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.repository.ListCrudRepository;

/** Management credentials of every account. */
public interface Credentials extends ListCrudRepository<Credential, UUID> {

    List<Credential> findByAccountIdOrderByCreatedAt(UUID accountId);

    Optional<Credential> findByIdAndAccountId(UUID id, UUID accountId);
}
