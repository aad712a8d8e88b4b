package io.dbaas.nebula.kubernetes.model;

import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/** Reads and writes the master key entry of a cluster's master-key Secret. */
public final class MasterKeySecrets {

    private MasterKeySecrets() {}

    static String encode(String masterKey) {
        return Base64.getEncoder().encodeToString(masterKey.getBytes(StandardCharsets.UTF_8));
    }

    /** The master key the Secret holds in Qdrant's entry ({@link ResourceNames#MASTER_KEY_ENTRY}), if it holds one. */
    public static Optional<String> masterKey(Secret secret) {
        return masterKey(secret, ResourceNames.MASTER_KEY_ENTRY);
    }

    /** The master key the Secret holds in {@code entry}, if it holds one. */
    public static Optional<String> masterKey(Secret secret, String entry) {
        Map<String, String> data = secret.getData();
        if (data != null && data.get(entry) != null) {
            try {
                return Optional.of(new String(Base64.getDecoder().decode(data.get(entry)), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        // A Secret written by hand may carry stringData; a real API server folds it into data, a mock may not.
        Map<String, String> stringData = secret.getStringData();
        return stringData == null ? Optional.empty() : Optional.ofNullable(stringData.get(entry));
    }
}
