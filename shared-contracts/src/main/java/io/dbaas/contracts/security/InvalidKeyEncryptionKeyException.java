package io.dbaas.contracts.security;

import java.util.Objects;

/**
 * A service cannot start: without a usable key-encryption key no master key could be sealed or opened. The message
 * names the setting and what is wrong with it, never its value.
 */
public final class InvalidKeyEncryptionKeyException extends RuntimeException {

    /** The setting, as operators write it in configuration. */
    public static final String PROPERTY = "dbaas.key-encryption-key";

    /** The same setting as an environment variable, the way the Helm chart and docker-compose pass it. */
    public static final String ENVIRONMENT_VARIABLE = "DBAAS_KEY_ENCRYPTION_KEY";

    private InvalidKeyEncryptionKeyException(String message) {
        super(message);
    }

    static InvalidKeyEncryptionKeyException missing() {
        return new InvalidKeyEncryptionKeyException(PROPERTY + " is not set.");
    }

    static InvalidKeyEncryptionKeyException invalid() {
        return new InvalidKeyEncryptionKeyException(
                PROPERTY + " is not the base64 encoding of 32 bytes; the key must be 32 bytes (AES-256).");
    }

    /** Never null: every instance is made with its message. */
    @Override
    public String getMessage() {
        return Objects.requireNonNull(super.getMessage());
    }
}
