package io.dbaas.nebula.security;

import io.dbaas.contracts.security.MasterKeyCipher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Builds the cipher that seals master keys before they leave Nebula. */
@Configuration(proxyBeanMethods = false)
class MasterKeyCipherConfiguration {

    @Bean
    MasterKeyCipher masterKeyCipher(KeyEncryptionKeyProperties properties) {
        String key = properties.keyEncryptionKey();
        if (key == null || key.isBlank()) {
            throw new InvalidKeyEncryptionKeyException("dbaas.key-encryption-key is not set.");
        }
        try {
            return MasterKeyCipher.fromBase64(key);
        } catch (IllegalArgumentException e) {
            // The message of MasterKeyCipher never contains the key; ours must not either.
            throw new InvalidKeyEncryptionKeyException("dbaas.key-encryption-key is invalid: " + e.getMessage() + ".");
        }
    }
}
