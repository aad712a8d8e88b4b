package io.dbaas.gatekeeper.events;

import io.dbaas.contracts.MalformedMessageException;
import io.dbaas.contracts.MessageCodec;
import io.dbaas.contracts.Topics;
import io.dbaas.contracts.event.ClusterEvent;
import io.dbaas.contracts.security.MasterKeyCipher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;

/**
 * Reads the cluster-events topic from the beginning (or from where the directory snapshot left off) and feeds the
 * directory.
 *
 * <p>A record that cannot be applied is logged by its coordinates and skipped: one bad record must not stop
 * GateKeeper from learning about every cluster after it. Log lines never carry the record's content, which may hold a
 * sealed key, nor a parser message, which may quote that content.
 */
public class ClusterEventsListener implements ConsumerSeekAware {

    /** The listener container id, for operators and tests that look the container up. */
    public static final String LISTENER_ID = "gatekeeper-cluster-events";

    private static final Logger log = LoggerFactory.getLogger(ClusterEventsListener.class);

    private final MessageCodec codec;
    private final ClusterDirectoryUpdater updater;
    private final ConsumedOffsets offsets;
    private final Counter refused;

    public ClusterEventsListener(
            MessageCodec codec, ClusterDirectoryUpdater updater, ConsumedOffsets offsets, MeterRegistry meters) {
        this.codec = codec;
        this.updater = updater;
        this.offsets = offsets;
        this.refused = Counter.builder("gatekeeper.events.refused")
                .description("Cluster events refused because they were not authentic (forged or altered)")
                .register(meters);
    }

    @KafkaListener(id = LISTENER_ID, topics = Topics.CLUSTER_EVENTS, groupId = "#{@clusterEventsConsumerGroup.id()}")
    public void onRecord(ConsumerRecord<byte[], byte[]> record) {
        apply(record);
        offsets.applied(record);
    }

    private void apply(ConsumerRecord<byte[], byte[]> record) {
        byte[] value = record.value();
        if (value == null) {
            log.warn("Skipped {}: empty record", coordinates(record));
            return;
        }
        try {
            updater.apply(codec.read(value, ClusterEvent.class));
        } catch (MalformedMessageException e) {
            log.warn("Skipped {}: not a valid cluster event", coordinates(record));
        } catch (InauthenticEventException e) {
            refused.increment();
            log.error(
                    "Refused {}: {} (forged or altered); the cluster's route stays as it was",
                    coordinates(record),
                    e.getMessage());
        } catch (MasterKeyCipher.SealedKeyException e) {
            log.error(
                    "Skipped {}: its sealed master key does not open with this key-encryption key;"
                            + " the cluster stays unroutable",
                    coordinates(record));
        } catch (IllegalArgumentException e) {
            log.warn(
                    "Skipped {}: its cluster endpoint, internal address or CA certificate is not usable",
                    coordinates(record));
        }
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        offsets.seekKnown(assignments, callback);
    }

    static String coordinates(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}
