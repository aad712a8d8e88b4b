package io.dbaas.orion.security;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param keyEncryptionKey base64 of the 32-byte key that seals every cluster's master key, shared by the services
 *     that handle master keys; supplied by the environment, never committed
 */
@ConfigurationProperties("dbaas")
public record KeyEncryptionProperties(@Nullable String keyEncryptionKey) {}
