package io.dbaas.nebula.kubernetes.model;

import io.fabric8.kubernetes.api.model.Secret;
import java.util.Optional;

/** Reads and writes single entries of Secrets, whichever of {@code data} or {@code stringData} holds them. */
public final class SecretEntries {

    private SecretEntries() {}

    /** The entry in clear, if the Secret holds it. */
    public static Optional<String> read(Secret secret, String entry) {
        return MasterKeySecrets.masterKey(secret, entry);
    }

    static String encode(String value) {
        return MasterKeySecrets.encode(value);
    }
}
