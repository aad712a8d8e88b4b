package io.dbaas.nebula.messaging;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * Checks at start-up that the slowest command fits in Kafka's poll interval. Nebula handles a command on the consumer's
 * thread, and a deletion may wait up to {@code nebula.deletion.timeout} for its namespace to go; a consumer that does
 * not poll again within {@code max.poll.interval.ms} is pushed out of its group, its partitions move, and the command
 * is handled again from the start by another member — a loop that never finishes.
 */
final class CommandPollBudget {

    /** What a command may take besides the deletion wait: its API calls, retries and the events it publishes. */
    static final Duration MARGIN = Duration.ofMinutes(2);

    private CommandPollBudget() {}

    /**
     * @param consumerProperties the Kafka consumer's properties as Spring builds them
     * @throws IllegalStateException naming both settings when the deletion wait does not fit
     */
    static void check(Duration deletionTimeout, Map<String, Object> consumerProperties) {
        Object configured = consumerProperties.getOrDefault(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 300_000);
        Duration pollInterval = Duration.ofMillis(Long.parseLong(configured.toString()));
        if (deletionTimeout.plus(MARGIN).compareTo(pollInterval) > 0) {
            throw new IllegalStateException(
                    "nebula.deletion.timeout (%s) plus %s for the rest of a command must fit in the Kafka consumer's max.poll.interval.ms (%s): raise spring.kafka.consumer.properties.max.poll.interval.ms or lower the timeout"
                            .formatted(deletionTimeout, MARGIN, pollInterval));
        }
    }
}
