package io.dbaas.nebula.kubernetes.reconcile;

import io.dbaas.nebula.infrastructure.InfrastructureException;

/**
 * A running cluster's master-key Secret is gone. Permanent: Nebula never generates a second master key for a cluster,
 * and it keeps no copy to restore the Secret from.
 */
public class MasterKeyMissingException extends InfrastructureException {

    public MasterKeyMissingException(String namespace, String name) {
        super(
                "Secret %s/%s, which holds the cluster's master key, is gone. The nodes keep serving with the key they loaded, but a restarted node cannot start. Nebula never generates a second master key and keeps no copy of it: restore the Secret from a backup of the namespace."
                        .formatted(namespace, name),
                false);
    }
}
