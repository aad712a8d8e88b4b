package io.dbaas.gatekeeper.events;

import io.dbaas.contracts.MessageCodec;
import io.dbaas.contracts.security.MasterKeyCipher;
import io.dbaas.gatekeeper.directory.ClusterDirectory;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the directory to the cluster-events and access-events topics. */
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
    ConsumedOffsets consumedOffsets() {
        return new ConsumedOffsets();
    }

    /** Named {@code directory} in the health report and the readiness group. */
    @Bean
    DirectoryReadiness directoryHealthIndicator() {
        return new DirectoryReadiness();
    }

    @Bean
    ClusterEventsListener clusterEventsListener(
            ClusterDirectoryUpdater updater, ConsumedOffsets offsets, MeterRegistry meters) {
        return new ClusterEventsListener(new MessageCodec(), updater, offsets, meters);
    }

    @Bean
    AccessEventsListener accessEventsListener(ClusterDirectory directory, ConsumedOffsets offsets) {
        return new AccessEventsListener(new MessageCodec(), directory, offsets);
    }
}
