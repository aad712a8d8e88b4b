package io.dbaas.orion.account;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.ListCrudRepository;

/** All accounts. */
public interface Accounts extends ListCrudRepository<Account, UUID> {

    boolean existsByPlatformTrue();

    /** The account, locked until the transaction ends: changes to who administers it happen one at a time. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select account from Account account where account.id = :id")
    Optional<Account> lockById(UUID id);
}
