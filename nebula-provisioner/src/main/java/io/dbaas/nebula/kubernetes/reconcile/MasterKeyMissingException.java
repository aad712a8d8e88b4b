package io.dbaas.nebula.kubernetes.reconcile;

import io.dbaas.nebula.infrastructure.InfrastructureException;

/**
 * A running cluster's master-key Secret is gone and Nebula's vault has no sealed copy of the key (the cluster predates
 * the vault). Permanent: Nebula never generates a second master key for a cluster.
 */
public class MasterKeyMissingException extends InfrastructureException {

    public MasterKeyMissingException(String namespace, String name) {
        super(
                "Secret %s/%s, which holds the cluster's master key, is gone. The nodes keep serving with the key they loaded, but a restarted node cannot start. Nebula never generates a second master key and holds no copy of this one: restore the Secret from a backup of the namespace."
                        .formatted(namespace, name),
                false);
    }
}
