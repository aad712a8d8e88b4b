package io.dbaas.orion;

import io.dbaas.contracts.MalformedMessageException;
import io.dbaas.contracts.MessageCodec;
import io.dbaas.contracts.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/** Topics Orion writes or reads, and what happens to a record that cannot be handled. */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

    @Bean
    MessageCodec messageCodec() {
        return new MessageCodec();
    }

    @Bean
    NewTopic clusterCommandsTopic(TopicSettings settings) {
        return settings.topic(Topics.CLUSTER_COMMANDS);
    }

    /** Orion publishes revoked API keys here; every GateKeeper reads it from the beginning. */
    @Bean
    NewTopic accessEventsTopic(TopicSettings settings) {
        return settings.topic(Topics.ACCESS_EVENTS).configs(Topics.READ_FROM_THE_BEGINNING);
    }

    /** Nebula announces clusters here; every GateKeeper reads it from the beginning. */
    @Bean
    NewTopic clusterEventsTopic(TopicSettings settings) {
        return settings.topic(Topics.CLUSTER_EVENTS).configs(Topics.READ_FROM_THE_BEGINNING);
    }

    @Bean
    NewTopic clusterEventsDeadLetterTopic(TopicSettings settings) {
        return settings.topic(Topics.CLUSTER_EVENTS_DEAD_LETTER);
    }

    /**
     * A malformed event goes to the dead-letter topic at once; any other failure is retried with back-off before the
     * record is parked there, so the partition is never blocked for good. The database being away is the exception:
     * the event is valid and will apply once it is back, so it is retried for as long as the outage lasts rather than
     * parked (Nebula's status would otherwise be lost after a minute of outage).
     */
    @Bean
    DefaultErrorHandler kafkaErrorHandler(KafkaOperations<String, byte[]> kafka) {
        var recoverer = new DeadLetterPublishingRecoverer(
                kafka, (record, exception) -> new TopicPartition(record.topic() + ".dlt", -1));
        var backOff = new ExponentialBackOff(500, 2);
        backOff.setMaxElapsedTime(60_000);
        var handler = new DefaultErrorHandler(recoverer, backOff);
        handler.addNotRetryableExceptions(MalformedMessageException.class);
        var untilDatabaseIsBack = new ExponentialBackOff(1_000, 2);
        untilDatabaseIsBack.setMaxInterval(30_000);
        handler.setBackOffFunction(
                (record, exception) -> DatabaseOutage.isCause(exception) ? untilDatabaseIsBack : null);
        return handler;
    }

    /**
     * @param partitions partitions of every topic; commands are keyed by cluster id, so this bounds parallelism
     * @param replicationFactor replicas of every topic (1 for a single local broker, 3 in production)
     */
    @ConfigurationProperties("dbaas.kafka")
    record TopicSettings(int partitions, short replicationFactor) {

        NewTopic topic(String name) {
            return TopicBuilder.name(name)
                    .partitions(partitions)
                    .replicas(replicationFactor)
                    .build();
        }
    }
}
