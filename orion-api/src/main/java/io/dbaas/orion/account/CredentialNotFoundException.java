package io.dbaas.orion.account;

import java.util.UUID;

/** No credential with that id in the caller's account. */
public class CredentialNotFoundException extends RuntimeException {

    public CredentialNotFoundException(UUID id) {
        super("credential " + id + " not found");
    }
}
