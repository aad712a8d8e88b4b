package io.dbaas.orion.outbox;

import io.dbaas.orion.DatabaseOutage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes the outbox to Kafka, at least once and in the order written.
 *
 * <p>Only one Orion instance relays at a time (a PostgreSQL advisory lock held for the transaction), so that two
 * instances never publish one cluster's commands out of order. A message is marked published only after the broker
 * acknowledged it ({@code acks=all}); when the broker is away, messages wait in the outbox and a later pass tries
 * again. A message published but not yet marked when Orion stops is published again: consumers deduplicate by id.
 *
 * <p>A pass runs every {@code orion.outbox.poll-interval}, and also as soon as a transaction that wrote to the outbox
 * commits: a revoked API key must reach every GateKeeper within a second, and nothing needs to wait for the next poll.
 * Passes of one instance never overlap ({@link SerialPasses}).
 *
 * <p>While Kafka or PostgreSQL is away the relay backs off (see {@link RelayBackoff}) and warns once per interval with
 * the number of waiting messages, instead of failing and logging on every poll.
 */
@Component
class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final long RELAY_LOCK = 0x6f7574626f78L; // "outbox"
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(15);

    private final JdbcClient jdbc;
    private final KafkaTemplate<String, byte[]> kafka;
    private final TransactionTemplate transactions;
    private final OutboxBacklog backlog;
    private final OutboxProperties properties;
    private final Clock clock;
    private final RelayBackoff backoff;
    private final SerialPasses passes;
    private final Executor wakeUps;
    private final Counter published;
    private final Timer delivery;
    private final Counter kafkaFailures;
    private final Counter databaseFailures;
    private final Counter otherFailures;

    OutboxRelay(
            JdbcClient jdbc,
            KafkaTemplate<String, byte[]> kafka,
            PlatformTransactionManager transactionManager,
            OutboxBacklog backlog,
            OutboxProperties properties,
            Clock clock,
            @Qualifier("applicationTaskExecutor") Executor wakeUps,
            MeterRegistry registry) {
        this.jdbc = jdbc;
        this.kafka = kafka;
        this.transactions = new TransactionTemplate(transactionManager);
        this.backlog = backlog;
        this.properties = properties;
        this.clock = clock;
        this.backoff =
                new RelayBackoff(properties.pollInterval(), properties.maxBackoff(), properties.warningInterval());
        this.passes = new SerialPasses(this::relay);
        this.wakeUps = wakeUps;
        this.published = Counter.builder("orion.outbox.published")
                .description("Outbox messages acknowledged by Kafka and marked published")
                .baseUnit("messages")
                .register(registry);
        this.delivery = Timer.builder("orion.outbox.delivery")
                .description("From a message's creation, in the transaction that wrote it, to Kafka's acknowledgement")
                // Few buckets, one at the second within which a revoked API key must reach every GateKeeper.
                .serviceLevelObjectives(
                        Duration.ofMillis(50),
                        Duration.ofMillis(100),
                        Duration.ofMillis(250),
                        Duration.ofMillis(500),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(30))
                .register(registry);
        this.kafkaFailures = failures(registry, "kafka");
        this.databaseFailures = failures(registry, "database");
        this.otherFailures = failures(registry, "other");
    }

    private static Counter failures(MeterRegistry registry, String cause) {
        return Counter.builder("orion.outbox.relay.failures")
                .description("Relay passes that could not publish, by what was unreachable")
                .tag("cause", cause)
                .register(registry);
    }

    @Scheduled(fixedDelayString = "${orion.outbox.poll-interval}")
    void poll() {
        passes.request();
    }

    /**
     * Messages were committed: a pass starts now, on another thread, so that the request that wrote them is answered
     * without waiting for Kafka.
     */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void appended(OutboxAppended appended) {
        try {
            wakeUps.execute(passes::request);
        } catch (RejectedExecutionException e) {
            // Orion is stopping: what was committed is published by the next poll, here or on another instance.
            log.debug("No wake-up for the outbox relay: the executor refused it");
        }
    }

    /** One pass, unless the relay is backing off after a failure; only ever called through {@link #passes}. */
    private void relay() {
        if (!backoff.due(clock.instant())) {
            return;
        }
        Pass pass;
        try {
            pass = transactions.execute(status -> relayOnce());
        } catch (RuntimeException e) {
            passFailed(e);
            return;
        }
        if (pass == null || pass.failure() == null) {
            Duration outage = backoff.succeeded(clock.instant());
            if (outage != null) {
                log.info("The outbox relay publishes again after {} s of outage", outage.toSeconds());
            }
        } else {
            kafkaUnreachable(pass);
        }
    }

    /** One pass, inside a transaction: the lock, a batch, its publication, the acknowledged prefix marked. */
    private Pass relayOnce() {
        boolean leader = jdbc.sql("select pg_try_advisory_xact_lock(:lock)")
                .param("lock", RELAY_LOCK)
                .query(Boolean.class)
                .single();
        if (!leader) {
            return Pass.IDLE;
        }
        List<Pending> batch = jdbc.sql("""
                        select sequence, topic, message_key, payload, created_at from outbox_messages
                        where published_at is null order by sequence limit :limit""").param("limit", properties.batchSize()).query(Pending.class).stream()
                // A row mapped onto a record is never null; JdbcClient allows null only for single-column results.
                .map(Objects::requireNonNull)
                .toList();
        if (batch.isEmpty()) {
            return Pass.IDLE;
        }
        Pass pass = publish(batch);
        markPublished(pass.acknowledged());
        return pass;
    }

    /** Sends the batch and returns the sequences the broker acknowledged: a prefix of the batch. */
    private Pass publish(List<Pending> batch) {
        var sent = new ArrayList<CompletableFuture<SendResult<String, byte[]>>>();
        for (Pending message : batch) {
            CompletableFuture<SendResult<String, byte[]>> send = send(message);
            sent.add(send);
            // Failed before reaching the network (no metadata: the broker is away). Every further send would block
            // for max.block.ms in turn, holding the relay's transaction for minutes; the next pass tries again.
            if (send.isCompletedExceptionally()) {
                break;
            }
        }
        var acknowledged = new ArrayList<Long>();
        for (int i = 0; i < sent.size(); i++) {
            try {
                sent.get(i).get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                acknowledged.add(batch.get(i).sequence());
                delivery.record(Duration.between(batch.get(i).createdAt().toInstant(), clock.instant()));
            } catch (ExecutionException | TimeoutException e) {
                return new Pass(acknowledged, new Failure(batch.get(i).sequence(), rootMessage(e)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Pass(acknowledged, new Failure(batch.get(i).sequence(), "interrupted"));
            }
        }
        return new Pass(acknowledged, null);
    }

    private CompletableFuture<SendResult<String, byte[]>> send(Pending message) {
        try {
            return kafka.send(message.topic(), message.messageKey(), message.payload());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void markPublished(List<Long> sequences) {
        if (sequences.isEmpty()) {
            return;
        }
        jdbc.sql("update outbox_messages set published_at = :now where sequence in (:sequences)")
                .param("now", Timestamp.from(clock.instant()))
                .param("sequences", sequences)
                .update();
        published.increment(sequences.size());
        log.debug("Published {} outbox message(s)", sequences.size());
    }

    private void kafkaUnreachable(Pass pass) {
        kafkaFailures.increment();
        Instant now = clock.instant();
        Duration wait = backoff.failed(now);
        if (backoff.shouldWarn(now)) {
            Failure failure = pass.failure();
            log.warn(
                    "Kafka did not acknowledge outbox message {} ({}); {} waiting in the outbox. Commands are kept and"
                            + " published once Kafka is back; next attempt in {} ms, this warning repeats every {} s"
                            + " while it lasts",
                    failure == null ? "?" : failure.sequence(),
                    failure == null ? "" : failure.reason(),
                    describeBacklog(),
                    wait.toMillis(),
                    properties.warningInterval().toSeconds());
        }
    }

    /** The pass threw: PostgreSQL is away (the usual case), or something unexpected happened. */
    private void passFailed(RuntimeException e) {
        boolean databaseAway = DatabaseOutage.isCause(e);
        (databaseAway ? databaseFailures : otherFailures).increment();
        Instant now = clock.instant();
        Duration wait = backoff.failed(now);
        if (!backoff.shouldWarn(now)) {
            return;
        }
        if (databaseAway) {
            log.warn(
                    "The outbox relay cannot reach PostgreSQL ({}); next attempt in {} ms, this warning repeats every"
                            + " {} s while it lasts",
                    rootMessage(e),
                    wait.toMillis(),
                    properties.warningInterval().toSeconds());
        } else {
            log.error("The outbox relay failed; next attempt in {} ms", wait.toMillis(), e);
        }
    }

    private String describeBacklog() {
        try {
            OutboxBacklog.Snapshot snapshot = backlog.measure();
            return String.format(
                    "%.0f message(s), the oldest for %.0f s", snapshot.waiting(), snapshot.oldestAgeSeconds());
        } catch (RuntimeException e) {
            return "an unknown number of messages";
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /** A message as the relay reads it; {@code topic} is the row's own, so every family reaches its topic. */
    record Pending(long sequence, String topic, String messageKey, byte[] payload, Timestamp createdAt) {}

    /** Why a pass stopped short: the first message not acknowledged. */
    record Failure(long sequence, String reason) {}

    /** What one pass achieved. */
    record Pass(List<Long> acknowledged, @Nullable Failure failure) {

        static final Pass IDLE = new Pass(List.of(), null);
    }
}
