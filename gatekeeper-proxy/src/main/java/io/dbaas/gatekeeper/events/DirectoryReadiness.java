package io.dbaas.gatekeeper.events;

import io.dbaas.contracts.Topics;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.event.ListenerContainerIdleEvent;

/**
 * Whether the directory is worth serving from: UP once a snapshot was loaded at start-up, or once both listeners have
 * read their topics to the end; DOWN before. Part of the readiness group, so that a load balancer sends no traffic to
 * an instance that would answer 404 for clusters it has not read about yet, or accept keys whose revocation it has not
 * read yet.
 *
 * <p>"Read to the end" is checked when a listener's container reports idle (no record for
 * {@code spring.kafka.listener.idle-event-interval}): on the consumer's own thread, its position is compared with the
 * end offsets of its partitions. Once caught up, an instance stays ready: a broker that goes away later leaves the
 * directory as it was, still the best answer there is.
 */
public class DirectoryReadiness implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(DirectoryReadiness.class);
    private static final Duration BROKER_QUESTION = Duration.ofSeconds(2);
    private static final Map<String, String> TOPIC_BY_LISTENER = Map.of(
            ClusterEventsListener.LISTENER_ID, Topics.CLUSTER_EVENTS,
            AccessEventsListener.LISTENER_ID, Topics.ACCESS_EVENTS);

    private final Set<String> caughtUp = ConcurrentHashMap.newKeySet();
    private volatile boolean snapshotLoaded;

    /** The directory was filled from a snapshot before serving. */
    public void snapshotLoaded() {
        snapshotLoaded = true;
    }

    public boolean isReady() {
        return snapshotLoaded || caughtUp.containsAll(TOPIC_BY_LISTENER.keySet());
    }

    @EventListener
    public void onIdle(ListenerContainerIdleEvent event) {
        TOPIC_BY_LISTENER.forEach((listener, topic) -> {
            // A container's id is the listener id with a suffix per concurrent consumer.
            if (event.getListenerId().startsWith(listener)
                    && !caughtUp.contains(listener)
                    && atEnd(event.getConsumer(), event.getTopicPartitions(), topic)) {
                caughtUp.add(listener);
                log.info("The directory has read {} to its end", topic);
            }
        });
    }

    private static boolean atEnd(Consumer<?, ?> consumer, @Nullable Collection<TopicPartition> assigned, String topic) {
        try {
            if (assigned == null || assigned.isEmpty()) {
                // Nothing assigned yet, or nothing to assign: a topic nobody has written to yet has nothing to read.
                return consumer.partitionsFor(topic, BROKER_QUESTION).isEmpty();
            }
            Map<TopicPartition, Long> end = consumer.endOffsets(assigned, BROKER_QUESTION);
            return assigned.stream()
                    .allMatch(partition -> consumer.position(partition, BROKER_QUESTION)
                            >= end.getOrDefault(partition, Long.MAX_VALUE));
        } catch (KafkaException e) {
            // Broker unreachable or slow: not known to be at the end. The next idle event asks again.
            return false;
        }
    }

    @Override
    public Health health() {
        if (caughtUp.containsAll(TOPIC_BY_LISTENER.keySet())) {
            return Health.up().withDetail("source", "topics").build();
        }
        if (snapshotLoaded) {
            return Health.up().withDetail("source", "snapshot").build();
        }
        return Health.down().withDetail("source", "catching up with the topics").build();
    }
}
