package io.dbaas.nebula.security;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings shared by every service of the control plane under {@code dbaas.*}.
 *
 * @param keyEncryptionKey base64 of the 32-byte AES key that seals cluster master keys; the same value in Orion,
 *     Nebula and GateKeeper
 */
@ConfigurationProperties("dbaas")
public record KeyEncryptionKeyProperties(@Nullable String keyEncryptionKey) {

    /** Keeps the key out of logs and actuator output. */
    @Override
    public String toString() {
        return "KeyEncryptionKeyProperties[keyEncryptionKey=" + (keyEncryptionKey == null ? "unset" : "***") + "]";
    }
}
