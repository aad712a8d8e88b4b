package io.dbaas.orion.events;

import io.dbaas.contracts.MessageCodec;
import io.dbaas.contracts.Topics;
import io.dbaas.contracts.event.ClusterEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Reads Nebula's events; a record that is not a valid event goes to the dead-letter topic. */
@Component
class ClusterEventListener {

    private final MessageCodec codec;
    private final ClusterStatusUpdates updates;

    ClusterEventListener(MessageCodec codec, ClusterStatusUpdates updates) {
        this.codec = codec;
        this.updates = updates;
    }

    @KafkaListener(topics = Topics.CLUSTER_EVENTS, groupId = "orion")
    void on(ConsumerRecord<String, byte[]> record) {
        updates.apply(codec.read(record.value(), ClusterEvent.class));
    }
}
