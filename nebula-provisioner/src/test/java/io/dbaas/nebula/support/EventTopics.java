package io.dbaas.nebula.support;

import static org.awaitility.Awaitility.await;

import io.dbaas.contracts.MessageCodec;
import io.dbaas.contracts.event.ClusterEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads topics from the beginning, without a consumer group, until what a test waits for shows up. */
public final class EventTopics {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String brokers;
    private final MessageCodec codec = new MessageCodec();

    public EventTopics(String brokers) {
        this.brokers = brokers;
    }

    /** Waits for the first event of {@code type} about {@code clusterId}. */
    public <T extends ClusterEvent> T awaitEvent(String topic, UUID clusterId, Class<T> type) {
        ConsumerRecord<String, byte[]> record = awaitRecord(topic, candidate -> {
            ClusterEvent event = codec.read(candidate.value(), ClusterEvent.class);
            return event.clusterId().equals(clusterId) && type.isInstance(event);
        });
        return type.cast(codec.read(record.value(), ClusterEvent.class));
    }

    /** Every event about {@code clusterId} on the topic now. */
    public List<ClusterEvent> eventsOf(String topic, UUID clusterId) {
        List<ClusterEvent> events = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : readAll(topic)) {
            ClusterEvent event = codec.read(record.value(), ClusterEvent.class);
            if (event.clusterId().equals(clusterId)) {
                events.add(event);
            }
        }
        return events;
    }

    /** Waits for the first record on {@code topic} that is {@code wanted}, reading the topic again until it is there. */
    public ConsumerRecord<String, byte[]> awaitRecord(String topic, Predicate<ConsumerRecord<String, byte[]>> wanted) {
        return await("a wanted record on " + topic)
                .atMost(TIMEOUT)
                .until(() -> readAll(topic).stream().filter(wanted).findFirst(), Optional::isPresent)
                .orElseThrow();
    }

    private List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }
}
