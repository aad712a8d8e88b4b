package io.dbaas.gatekeeper.events;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The control plane's key-encryption key, which opens the master keys sealed in {@code ClusterProvisioned} events.
 *
 * <p>Checked when the cipher is built rather than during binding: a binding failure report would print the value.
 *
 * @param keyEncryptionKey base64 of 32 random bytes ({@code dbaas.key-encryption-key}); the same value Nebula seals
 *     with
 */
@ConfigurationProperties("dbaas")
public record KeyEncryptionKeyProperties(@Nullable String keyEncryptionKey) {

    @Override
    public String toString() {
        return "KeyEncryptionKeyProperties[keyEncryptionKey=" + (keyEncryptionKey == null ? "absent" : "redacted")
                + "]";
    }
}
