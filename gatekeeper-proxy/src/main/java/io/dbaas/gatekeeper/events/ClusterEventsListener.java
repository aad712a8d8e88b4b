package io.dbaas.gatekeeper.events;

import io.dbaas.contracts.MalformedMessageException;
import io.dbaas.contracts.MessageCodec;
import io.dbaas.contracts.Topics;
import io.dbaas.contracts.event.ClusterEvent;
import io.dbaas.contracts.security.MasterKeyCipher;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Reads the cluster-events topic from the beginning and feeds the directory.
 *
 * <p>A record that cannot be applied is logged by its coordinates and skipped: one bad record must not stop
 * GateKeeper from learning about every cluster after it. Log lines never carry the record's content, which may hold a
 * sealed key, nor a parser message, which may quote that content.
 */
public class ClusterEventsListener {

    /** The listener container id, for operators and tests that look the container up. */
    public static final String LISTENER_ID = "gatekeeper-cluster-events";

    private static final Logger log = LoggerFactory.getLogger(ClusterEventsListener.class);

    private final MessageCodec codec;
    private final ClusterDirectoryUpdater updater;

    public ClusterEventsListener(MessageCodec codec, ClusterDirectoryUpdater updater) {
        this.codec = codec;
        this.updater = updater;
    }

    @KafkaListener(id = LISTENER_ID, topics = Topics.CLUSTER_EVENTS, groupId = "#{@clusterEventsConsumerGroup.id()}")
    public void onRecord(ConsumerRecord<byte[], byte[]> record) {
        byte[] value = record.value();
        if (value == null) {
            log.warn("Skipped {}: empty record", coordinates(record));
            return;
        }
        try {
            updater.apply(codec.read(value, ClusterEvent.class));
        } catch (MalformedMessageException e) {
            log.warn("Skipped {}: not a valid cluster event", coordinates(record));
        } catch (MasterKeyCipher.SealedKeyException e) {
            log.error(
                    "Skipped {}: its sealed master key does not open with this key-encryption key;"
                            + " the cluster stays unroutable",
                    coordinates(record));
        } catch (IllegalArgumentException e) {
            log.warn("Skipped {}: its cluster endpoint or internal address is not usable", coordinates(record));
        }
    }

    private static String coordinates(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}
