package io.dbaas.nebula.messaging;

import io.dbaas.contracts.MessageCodec;
import io.dbaas.contracts.Topics;
import io.dbaas.contracts.event.ClusterEvent;
import io.dbaas.nebula.events.ClusterEventPublisher;
import io.dbaas.nebula.events.EventPublicationException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes events on {@link Topics#CLUSTER_EVENTS}, keyed by cluster id, and waits for the broker's acknowledgement
 * (acks=all, idempotent producer): the command that caused an event is only committed after the event is safe.
 */
@Component
class KafkaClusterEventPublisher implements ClusterEventPublisher {

    private static final Logger log = LoggerFactory.getLogger(KafkaClusterEventPublisher.class);
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaTemplate<String, byte[]> kafka;
    private final MessageCodec codec = new MessageCodec();

    KafkaClusterEventPublisher(KafkaTemplate<String, byte[]> kafka) {
        this.kafka = kafka;
    }

    @Override
    public void publish(ClusterEvent event) {
        try {
            kafka.send(Topics.CLUSTER_EVENTS, event.clusterId().toString(), codec.write(event))
                    .get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            log.info("Published {} {} for cluster {}", event.name(), event.id(), event.clusterId());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventPublicationException("interrupted while publishing " + event.name(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new EventPublicationException("the broker did not acknowledge " + event.name(), e);
        }
    }
}
