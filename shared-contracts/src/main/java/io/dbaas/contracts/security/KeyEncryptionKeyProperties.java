package io.dbaas.contracts.security;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The control plane's key-encryption key, the one setting every service that seals or opens master keys reads (Orion,
 * Nebula, GateKeeper): defined here once, so that it is named, checked and explained the same way everywhere.
 *
 * <p>Checked when the cipher is built rather than during binding: a binding failure report would print the value.
 *
 * @param keyEncryptionKey base64 of the 32 random bytes ({@code dbaas.key-encryption-key}) that seal every cluster's
 *     master key; the same value in every service, supplied by the environment, never committed
 */
@ConfigurationProperties("dbaas")
public record KeyEncryptionKeyProperties(@Nullable String keyEncryptionKey) {

    /**
     * The cipher under this key.
     *
     * @throws InvalidKeyEncryptionKeyException when the key is missing, blank, not base64 or not 32 bytes; its message
     *     never quotes the value
     */
    public MasterKeyCipher cipher() {
        if (keyEncryptionKey == null || keyEncryptionKey.isBlank()) {
            throw InvalidKeyEncryptionKeyException.missing();
        }
        try {
            return MasterKeyCipher.fromBase64(keyEncryptionKey);
        } catch (IllegalArgumentException e) {
            // Never the parser's message: one names the offending character, a part of the key.
            throw InvalidKeyEncryptionKeyException.invalid();
        }
    }

    /** Keeps the key out of logs and actuator output. */
    @Override
    public String toString() {
        return "KeyEncryptionKeyProperties[keyEncryptionKey=" + (keyEncryptionKey == null ? "absent" : "redacted")
                + "]";
    }
}
