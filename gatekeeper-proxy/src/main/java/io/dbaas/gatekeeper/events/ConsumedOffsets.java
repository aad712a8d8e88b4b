package io.dbaas.gatekeeper.events;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.listener.ConsumerSeekAware.ConsumerSeekCallback;

/**
 * How far the directory has read each partition of the topics it follows: the offset of the next record to read.
 *
 * <p>Recorded only after a record has been applied, so that a snapshot that reads these offsets first and the directory
 * second never claims a record whose effect it lacks; it may hold effects of later records, which are then applied
 * again, harmlessly, since every event sets state rather than changing it.
 */
public final class ConsumedOffsets {

    private final Map<TopicPartition, Long> next = new ConcurrentHashMap<>();

    void applied(ConsumerRecord<?, ?> record) {
        next.merge(new TopicPartition(record.topic(), record.partition()), record.offset() + 1, Math::max);
    }

    /** Continue where a snapshot left off; partitions it does not know are read from the beginning. */
    void seekKnown(Map<TopicPartition, Long> assigned, ConsumerSeekCallback callback) {
        assigned.keySet().forEach(partition -> {
            Long offset = next.get(partition);
            if (offset != null) {
                callback.seek(partition.topic(), partition.partition(), offset);
            }
        });
    }

    /** A copy, topic-partition to next offset. */
    public Map<TopicPartition, Long> copy() {
        return Map.copyOf(next);
    }

    /** As a snapshot recorded them, before any listener starts. */
    public void restore(Map<TopicPartition, Long> offsets) {
        next.putAll(offsets);
    }
}
