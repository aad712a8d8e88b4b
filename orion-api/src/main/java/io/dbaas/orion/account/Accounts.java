package io.dbaas.orion.account;

import java.util.UUID;
import org.springframework.data.repository.ListCrudRepository;

/** All accounts. */
public interface Accounts extends ListCrudRepository<Account, UUID> {

    boolean existsByPlatformTrue();
}
