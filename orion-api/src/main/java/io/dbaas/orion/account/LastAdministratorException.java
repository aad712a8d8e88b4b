package io.dbaas.orion.account;

import java.util.UUID;

/** Revoking this credential would leave its account with nobody able to administer it. */
public class LastAdministratorException extends RuntimeException {

    public LastAdministratorException(UUID credentialId) {
        super("credential " + credentialId
                + " is the account's last active administrator; create another admin credential before revoking it");
    }
}
