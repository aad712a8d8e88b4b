package io.dbaas.local;

import io.dbaas.contracts.MessageCodec;
import io.dbaas.contracts.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;

/**
 * Reads Nebula's cluster events as one more consumer group on the broker, and tells when Nebula published each
 * cluster's {@code ClusterProvisioned} (the event that makes it RUNNING for Orion and GateKeeper alike): the record's
 * timestamp, which Nebula's producer stamps as it sends it (epoch milliseconds).
 */
final class ClusterEventsTap implements AutoCloseable {

    private final Map<String, CompletableFuture<Long>> provisioned = new ConcurrentHashMap<>();
    private final KafkaConsumer<String, String> consumer;
    private final Thread reader;
    private final MessageCodec codec = new MessageCodec();
    private volatile boolean running = true;

    private ClusterEventsTap(KafkaConsumer<String, String> consumer) {
        this.consumer = consumer;
        this.reader = Thread.ofPlatform().name("cluster-events-tap").daemon().unstarted(this::read);
    }

    /** Subscribes from the end of the topic and returns once the consumer owns its partitions. */
    static ClusterEventsTap start(String bootstrapServers) {
        var consumer = new KafkaConsumer<>(
                Map.<String, Object>of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "bench-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "latest"),
                new StringDeserializer(),
                new StringDeserializer());
        consumer.subscribe(List.of(Topics.CLUSTER_EVENTS));
        while (consumer.assignment().isEmpty()) {
            consumer.poll(Duration.ofMillis(100));
        }
        consumer.seekToEnd(consumer.assignment());
        consumer.assignment().forEach(consumer::position);
        ClusterEventsTap tap = new ClusterEventsTap(consumer);
        tap.reader.start();
        return tap;
    }

    /** Completes with when Nebula published the cluster's {@code ClusterProvisioned}. */
    CompletableFuture<Long> provisioned(String clusterId) {
        return provisioned.computeIfAbsent(clusterId, id -> new CompletableFuture<>());
    }

    private void read() {
        while (running) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                JsonNode event = codec.json().readTree(record.value());
                if ("ClusterProvisioned".equals(event.path("name").asString(""))) {
                    provisioned(event.path("cluster_id").asString("")).complete(record.timestamp());
                }
            }
        }
        consumer.close();
    }

    @Override
    public void close() {
        running = false;
        try {
            reader.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
