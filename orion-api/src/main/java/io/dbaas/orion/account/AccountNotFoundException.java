package io.dbaas.orion.account;

import java.util.UUID;

/** No account with that id is visible to the caller: a caller sees its own account only. */
public class AccountNotFoundException extends RuntimeException {

    public AccountNotFoundException(UUID id) {
        super("account " + id + " not found");
    }
}
