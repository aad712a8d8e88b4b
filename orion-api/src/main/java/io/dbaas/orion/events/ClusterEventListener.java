package io.dbaas.orion.events;

import io.dbaas.contracts.MessageCodec;
import io.dbaas.contracts.Topics;
import io.dbaas.contracts.event.ClusterEvent;
import io.dbaas.contracts.event.ClusterProvisioned;
import io.dbaas.contracts.security.EventAuthentication;
import io.dbaas.contracts.security.MasterKeyCipher;
import io.dbaas.contracts.tracing.MessageTracing;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Reads Nebula's events; a record that is not a valid event goes to the dead-letter topic. A {@code ClusterProvisioned}
 * without Nebula's authentication tag for its content (forged by someone who can write to Kafka, or altered) is
 * refused, counted and logged by its ids only: it would otherwise mark a cluster running with a sealed key of its own.
 */
@Component
class ClusterEventListener {

    private static final Logger log = LoggerFactory.getLogger(ClusterEventListener.class);

    private final MessageCodec codec;
    private final ClusterStatusUpdates updates;
    private final EventAuthentication authentication;
    private final Counter refused;
    private final MessageTracing tracing;

    ClusterEventListener(
            MessageCodec codec,
            ClusterStatusUpdates updates,
            MasterKeyCipher cipher,
            MeterRegistry meters,
            MessageTracing tracing) {
        this.codec = codec;
        this.tracing = tracing;
        this.updates = updates;
        this.authentication = cipher.eventAuthentication();
        this.refused = Counter.builder("orion.events.refused")
                .description("Cluster events refused because they were not authentic (forged or altered)")
                .register(meters);
    }

    @KafkaListener(topics = Topics.CLUSTER_EVENTS, groupId = "orion")
    void on(ConsumerRecord<String, byte[]> record) {
        ClusterEvent event = codec.read(record.value(), ClusterEvent.class);
        // In the claim's trace: the event names the span of Nebula that wrote it.
        tracing.run("orion.cluster-event", event.metadata(), () -> handle(event, record));
    }

    private void handle(ClusterEvent event, ConsumerRecord<String, byte[]> record) {
        if (event instanceof ClusterProvisioned provisioned && !authentication.isAuthentic(provisioned)) {
            refused.increment();
            log.error(
                    "Refused {} {} for cluster {} at {}-{}@{}: not authentic (forged or altered); nothing changed",
                    event.name(),
                    event.id(),
                    event.clusterId(),
                    record.topic(),
                    record.partition(),
                    record.offset());
            return;
        }
        updates.apply(event);
    }
}
