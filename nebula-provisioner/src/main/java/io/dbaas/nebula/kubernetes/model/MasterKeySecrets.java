package io.dbaas.nebula.kubernetes.model;

import io.fabric8.kubernetes.api.model.Secret;
import java.util.Optional;

/** Reads the master key entry of a cluster's master-key Secret. */
public final class MasterKeySecrets {

    private MasterKeySecrets() {}

    /** The master key the Secret holds in Qdrant's entry ({@link ResourceNames#MASTER_KEY_ENTRY}), if it holds one. */
    public static Optional<String> masterKey(Secret secret) {
        return masterKey(secret, ResourceNames.MASTER_KEY_ENTRY);
    }

    /** The master key the Secret holds in {@code entry}, if it holds one. */
    public static Optional<String> masterKey(Secret secret, String entry) {
        return SecretEntries.read(secret, entry);
    }
}
