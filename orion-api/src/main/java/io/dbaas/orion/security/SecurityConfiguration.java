package io.dbaas.orion.security;

import io.dbaas.contracts.security.KeyEncryptionKeyProperties;
import io.dbaas.contracts.security.MasterKeyCipher;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KeyEncryptionKeyProperties.class)
class SecurityConfiguration {

    /** Refuses to start without a usable key-encryption key, saying why in the words every service uses. */
    @Bean
    MasterKeyCipher masterKeyCipher(KeyEncryptionKeyProperties properties) {
        return properties.cipher();
    }
}
