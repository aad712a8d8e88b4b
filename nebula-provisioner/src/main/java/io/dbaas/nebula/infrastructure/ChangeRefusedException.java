package io.dbaas.nebula.infrastructure;

/**
 * A change the backend will not make, because it would lose data or cannot be done safely; the cluster was not
 * touched. Permanent: trying again gives the same answer. The reason says what the client can do instead.
 */
public class ChangeRefusedException extends InfrastructureException {

    public ChangeRefusedException(String reason) {
        super(reason, false);
    }
}
