package io.dbaas.nebula.kubernetes.model;

import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/** Reads and writes single entries of Secrets, whichever of {@code data} or {@code stringData} holds them. */
public final class SecretEntries {

    private SecretEntries() {}

    /** The entry in clear, if the Secret holds it. */
    public static Optional<String> read(Secret secret, String entry) {
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

    /** {@code value} as a {@code data} entry holds it. */
    public static String encode(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }
}
