package io.dbaas.gatekeeper.events;

import io.dbaas.contracts.MalformedMessageException;
import io.dbaas.contracts.MessageCodec;
import io.dbaas.contracts.Topics;
import io.dbaas.contracts.access.AccessEvent;
import io.dbaas.contracts.access.ApiKeyRevoked;
import io.dbaas.gatekeeper.directory.ClusterDirectory;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;

/**
 * Reads the access-events topic from the beginning (or from where the directory snapshot left off) and records revoked
 * keys in the directory. Same rules as {@link ClusterEventsListener}: a record that cannot be applied is logged by its
 * coordinates and skipped, never quoted.
 *
 * <p>A revocation must take effect within a second: the consumer asks the broker to answer a fetch at most
 * {@value #FETCH_MAX_WAIT_MS} ms after it was sent even when no record arrived, and to answer as soon as one byte is
 * there ({@code fetch.min.bytes=1}), so a published revocation reaches the directory in one fetch round trip.
 */
public class AccessEventsListener implements ConsumerSeekAware {

    public static final String LISTENER_ID = "gatekeeper-access-events";

    static final int FETCH_MAX_WAIT_MS = 100;

    private static final Logger log = LoggerFactory.getLogger(AccessEventsListener.class);

    private final MessageCodec codec;
    private final ClusterDirectory directory;
    private final ConsumedOffsets offsets;

    public AccessEventsListener(MessageCodec codec, ClusterDirectory directory, ConsumedOffsets offsets) {
        this.codec = codec;
        this.directory = directory;
        this.offsets = offsets;
    }

    @KafkaListener(
            id = LISTENER_ID,
            topics = Topics.ACCESS_EVENTS,
            groupId = "#{@clusterEventsConsumerGroup.id()}-access",
            properties = {"fetch.min.bytes=1", "fetch.max.wait.ms=" + FETCH_MAX_WAIT_MS})
    public void onRecord(ConsumerRecord<byte[], byte[]> record) {
        apply(record);
        offsets.applied(record);
    }

    private void apply(ConsumerRecord<byte[], byte[]> record) {
        byte[] value = record.value();
        if (value == null) {
            log.warn("Skipped {}: empty record", ClusterEventsListener.coordinates(record));
            return;
        }
        try {
            switch (codec.read(value, AccessEvent.class)) {
                case ApiKeyRevoked revoked -> {
                    directory.revoke(revoked.clusterId(), revoked.keyId(), revoked.expiresAt());
                    log.info("Key {} of cluster {} is revoked", revoked.keyId(), revoked.clusterId());
                }
            }
        } catch (MalformedMessageException e) {
            log.warn("Skipped {}: not a valid access event", ClusterEventsListener.coordinates(record));
        }
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        offsets.seekKnown(assignments, callback);
    }
}
