package io.dbaas.orion.outbox;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Publishes the outbox to Kafka, at least once and in the order written.
 *
 * <p>Only one Orion instance relays at a time (a PostgreSQL advisory lock held for the transaction), so that two
 * instances never publish one cluster's commands out of order. A message is marked published only after the broker
 * acknowledged it ({@code acks=all}); when the broker is away, messages wait in the outbox and the next pass tries
 * again. A message published but not yet marked when Orion stops is published again: consumers deduplicate by id.
 */
@Component
class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final long RELAY_LOCK = 0x6f7574626f78L; // "outbox"
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(15);

    private final JdbcClient jdbc;
    private final KafkaTemplate<String, byte[]> kafka;
    private final OutboxProperties properties;
    private final Clock clock;

    OutboxRelay(JdbcClient jdbc, KafkaTemplate<String, byte[]> kafka, OutboxProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.kafka = kafka;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${orion.outbox.poll-interval}")
    @Transactional
    public void relay() {
        boolean leader = jdbc.sql("select pg_try_advisory_xact_lock(:lock)")
                .param("lock", RELAY_LOCK)
                .query(Boolean.class)
                .single();
        if (!leader) {
            return;
        }
        List<Pending> batch = jdbc.sql("""
                        select sequence, topic, message_key, payload from outbox_messages
                        where published_at is null order by sequence limit :limit""")
                .param("limit", properties.batchSize())
                .query(Pending.class)
                .list();
        if (!batch.isEmpty()) {
            markPublished(publish(batch));
        }
    }

    /** Sends the batch and returns the sequences the broker acknowledged: a prefix of the batch. */
    private List<Long> publish(List<Pending> batch) {
        var sent = new ArrayList<CompletableFuture<SendResult<String, byte[]>>>();
        for (Pending message : batch) {
            sent.add(kafka.send(message.topic(), message.messageKey(), message.payload()));
        }
        var acknowledged = new ArrayList<Long>();
        for (int i = 0; i < batch.size(); i++) {
            try {
                sent.get(i).get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                acknowledged.add(batch.get(i).sequence());
            } catch (ExecutionException | TimeoutException e) {
                log.warn(
                        "Kafka did not acknowledge outbox message {}; {} message(s) wait for the next pass: {}",
                        batch.get(i).sequence(),
                        batch.size() - i,
                        rootMessage(e));
                break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return acknowledged;
    }

    private void markPublished(List<Long> sequences) {
        if (sequences.isEmpty()) {
            return;
        }
        jdbc.sql("update outbox_messages set published_at = :now where sequence in (:sequences)")
                .param("now", Timestamp.from(clock.instant()))
                .param("sequences", sequences)
                .update();
        log.debug("Published {} outbox message(s)", sequences.size());
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    record Pending(long sequence, String topic, String messageKey, byte[] payload) {}
}
