package io.dbaas.orion.support;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;

/** Reads a topic from its beginning, as a new consumer group would. */
public final class Topics {

    private Topics() {}

    /** The first record with the given key, waiting up to {@code timeout} for it. */
    public static Optional<ConsumerRecord<String, byte[]>> firstWithKey(
            EmbeddedKafkaBroker broker, String topic, String key, Duration timeout) {
        return firstWithKey(broker, topic, key, record -> true, timeout);
    }

    /** The first record with the given key that {@code matches}, waiting up to {@code timeout} for it. */
    public static Optional<ConsumerRecord<String, byte[]>> firstWithKey(
            EmbeddedKafkaBroker broker,
            String topic,
            String key,
            java.util.function.Predicate<ConsumerRecord<String, byte[]>> matches,
            Duration timeout) {
        Map<String, Object> props = KafkaTestUtils.consumerProps(broker, "test-" + UUID.randomUUID(), false);
        props.put("auto.offset.reset", "earliest");
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(java.util.List.of(topic));
            Instant deadline = Instant.now().plus(timeout);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key()) && matches.test(record)) {
                        return Optional.of(record);
                    }
                }
            }
            return Optional.empty();
        }
    }
}
