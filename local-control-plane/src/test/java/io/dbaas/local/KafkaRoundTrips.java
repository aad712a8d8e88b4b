package io.dbaas.local;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The broker's floor for one message: a record produced (acknowledged by every replica, as the services' producers
 * ask) and consumed by a consumer already polling, on a topic of its own on the same broker as the services. Every hop
 * of a claim, a status and a revocation crosses the broker at least once, so no such path can be faster.
 */
final class KafkaRoundTrips {

    private KafkaRoundTrips() {}

    /** Milliseconds of {@code count} round trips, one at a time. */
    static List<Double> measure(String bootstrapServers, int count) throws Exception {
        String topic = "bench.round-trip." + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        try (var producer = new KafkaProducer<>(
                        Map.<String, Object>of(
                                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                bootstrapServers,
                                ProducerConfig.ACKS_CONFIG,
                                "all",
                                ProducerConfig.LINGER_MS_CONFIG,
                                0),
                        new StringSerializer(),
                        new StringSerializer());
                var consumer = new KafkaConsumer<>(
                        Map.<String, Object>of(
                                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                                ConsumerConfig.GROUP_ID_CONFIG, topic,
                                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                        new StringDeserializer(),
                        new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            while (consumer.assignment().isEmpty()) {
                consumer.poll(Duration.ofMillis(100));
            }
            var samples = new ArrayList<Double>();
            for (int i = 0; i < count; i++) {
                long sent = System.nanoTime();
                producer.send(new ProducerRecord<>(topic, "key", "round-trip " + i));
                ConsumerRecords<String, String> received = ConsumerRecords.empty();
                while (received.isEmpty()) {
                    received = consumer.poll(Duration.ofMillis(500));
                }
                samples.add((System.nanoTime() - sent) / 1e6);
            }
            return samples;
        }
    }
}
