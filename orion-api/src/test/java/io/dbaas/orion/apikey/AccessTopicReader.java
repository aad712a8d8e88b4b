package io.dbaas.orion.apikey;

import io.dbaas.contracts.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;

/**
 * Reads {@code dbaas.access-events} from its current end, as a GateKeeper that is already running does: its partitions
 * are assigned directly and positioned before the test acts, so no group join or offset lookup delays what it sees.
 */
final class AccessTopicReader implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;

    AccessTopicReader(EmbeddedKafkaBroker broker) {
        Map<String, Object> props = KafkaTestUtils.consumerProps(broker, "access-" + UUID.randomUUID(), false);
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.ACCESS_EVENTS).stream()
                .map(partition -> new TopicPartition(partition.topic(), partition.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
    }

    /** The records keyed {@code key} that arrive within {@code timeout}, stopping early once {@code count} came. */
    List<Arrival> read(String key, int count, Duration timeout) {
        var arrived = new ArrayList<Arrival>();
        Instant deadline = Instant.now().plus(timeout);
        while (arrived.size() < count && Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(20))) {
                if (key.equals(record.key())) {
                    arrived.add(new Arrival(record, Instant.now()));
                }
            }
        }
        return arrived;
    }

    @Override
    public void close() {
        consumer.close();
    }

    /** A record and the moment this reader got it. */
    record Arrival(ConsumerRecord<String, byte[]> record, Instant at) {}
}
