package io.dbaas.gatekeeper.events;

import io.dbaas.contracts.MessageCodec;
import io.dbaas.contracts.security.MasterKeyCipher;
import io.dbaas.gatekeeper.directory.ClusterDirectory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the directory to the cluster-events topic. */
@Configuration(proxyBeanMethods = false)
public class ClusterEventsConfiguration {

    @Bean
    ClusterDirectory clusterDirectory() {
        return new ClusterDirectory();
    }

    @Bean
    MasterKeyCipher masterKeyCipher(KeyEncryptionKeyProperties properties) {
        String keyEncryptionKey = properties.keyEncryptionKey();
        if (keyEncryptionKey == null || keyEncryptionKey.isBlank()) {
            throw InvalidKeyEncryptionKeyException.missing();
        }
        try {
            return MasterKeyCipher.fromBase64(keyEncryptionKey);
        } catch (IllegalArgumentException e) {
            throw InvalidKeyEncryptionKeyException.invalid();
        }
    }

    @Bean
    ClusterEventsConsumerGroup clusterEventsConsumerGroup(ClusterEventsProperties properties) {
        return ClusterEventsConsumerGroup.uniqueFor(properties);
    }

    @Bean
    ClusterDirectoryUpdater clusterDirectoryUpdater(ClusterDirectory directory, MasterKeyCipher cipher) {
        return new ClusterDirectoryUpdater(directory, cipher);
    }

    @Bean
    ClusterEventsListener clusterEventsListener(ClusterDirectoryUpdater updater) {
        return new ClusterEventsListener(new MessageCodec(), updater);
    }
}
