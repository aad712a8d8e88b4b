package io.dbaas.nebula.messaging;

import io.dbaas.contracts.MalformedMessageException;
import io.dbaas.contracts.Topics;
import io.dbaas.nebula.config.NebulaProperties;
import io.dbaas.nebula.config.TopicProperties;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Topics Nebula owns and what happens to a command that cannot be handled.
 *
 * <p>Spring for Apache Kafka is used directly rather than Spring Cloud Stream: Nebula needs a per-exception choice
 * between "dead-letter now" and "retry", and the dead-letter topic name of the contracts, both of which are one bean
 * here.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

    /** Every GateKeeper reads this topic from the beginning for its routes: see {@link Topics#READ_FROM_THE_BEGINNING}. */
    @Bean
    NewTopic clusterEventsTopic(NebulaProperties properties) {
        return topic(Topics.CLUSTER_EVENTS, properties.topics()).configs(Topics.READ_FROM_THE_BEGINNING);
    }

    @Bean
    NewTopic clusterCommandsDeadLetterTopic(NebulaProperties properties) {
        return topic(Topics.CLUSTER_COMMANDS_DEAD_LETTER, properties.topics());
    }

    /**
     * A malformed record goes to the dead-letter topic at once: reading it again cannot succeed. Any other failure
     * (the broker not acknowledging an event, a bug) is retried with back-off for a few minutes, then dead-lettered
     * too, so that one command never blocks its partition for good and is never lost.
     */
    @Bean
    DefaultErrorHandler commandErrorHandler(KafkaTemplate<String, byte[]> kafka) {
        // Partition -1: the producer picks the partition from the key, whatever the partition count of each topic.
        var recoverer = new DeadLetterPublishingRecoverer(
                kafka, (record, failure) -> new TopicPartition(Topics.CLUSTER_COMMANDS_DEAD_LETTER, -1));
        var backOff = new ExponentialBackOff(1_000, 2.0);
        backOff.setMaxInterval(30_000);
        backOff.setMaxElapsedTime(180_000);
        var handler = new DefaultErrorHandler(recoverer, backOff);
        handler.addNotRetryableExceptions(MalformedMessageException.class);
        return handler;
    }

    /** Refuses to start when a deletion could outlast the consumer's poll interval (see {@link CommandPollBudget}). */
    @Bean
    Object commandPollBudget(NebulaProperties properties, KafkaProperties kafka) {
        CommandPollBudget.check(properties.deletion().timeout(), kafka.buildConsumerProperties());
        return CommandPollBudget.MARGIN;
    }

    private static NewTopic topic(String name, TopicProperties settings) {
        return new NewTopic(name, settings.partitions(), settings.replicas());
    }
}
