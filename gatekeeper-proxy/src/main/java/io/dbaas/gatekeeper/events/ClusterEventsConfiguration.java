package io.dbaas.gatekeeper.events;

import io.dbaas.contracts.MessageCodec;
import io.dbaas.contracts.security.KeyEncryptionKeyProperties;
import io.dbaas.contracts.security.MasterKeyCipher;
import io.dbaas.gatekeeper.directory.ClusterDirectory;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the directory to the cluster-events and access-events topics. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KeyEncryptionKeyProperties.class)
public class ClusterEventsConfiguration {

    @Bean
    ClusterDirectory clusterDirectory() {
        return new ClusterDirectory();
    }

    /** Refuses to start without a usable key-encryption key: no sealed master key would ever open. */
    @Bean
    MasterKeyCipher masterKeyCipher(KeyEncryptionKeyProperties properties) {
        return properties.cipher();
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
