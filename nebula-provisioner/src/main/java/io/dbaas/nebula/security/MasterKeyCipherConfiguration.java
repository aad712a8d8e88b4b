package io.dbaas.nebula.security;

import io.dbaas.contracts.security.KeyEncryptionKeyProperties;
import io.dbaas.contracts.security.MasterKeyCipher;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Builds the cipher that seals master keys before they leave Nebula. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KeyEncryptionKeyProperties.class)
class MasterKeyCipherConfiguration {

    /** Refuses to start without a usable key-encryption key rather than publish keys nobody could open. */
    @Bean
    MasterKeyCipher masterKeyCipher(KeyEncryptionKeyProperties properties) {
        return properties.cipher();
    }
}
