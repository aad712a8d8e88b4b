package io.dbaas.orion.security;

import io.dbaas.contracts.security.MasterKeyCipher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    MasterKeyCipher masterKeyCipher(KeyEncryptionProperties properties) {
        String key = properties.keyEncryptionKey();
        if (key == null || key.isBlank()) {
            throw new IllegalStateException(
                    "dbaas.key-encryption-key is not set: give Orion the base64 of the 32-byte key-encryption key"
                            + " shared with Nebula and GateKeeper (environment variable DBAAS_KEY_ENCRYPTION_KEY)");
        }
        return MasterKeyCipher.fromBase64(key);
    }
}
