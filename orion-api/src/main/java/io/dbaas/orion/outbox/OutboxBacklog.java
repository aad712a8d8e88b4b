package io.dbaas.orion.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The messages waiting in the outbox, as gauges: how many, and how long the oldest has waited. A growing age is the
 * signal to alert on (Kafka away, or no instance relaying). Measured on a schedule rather than at each scrape, so a
 * scrape never waits on the database; while the database cannot be reached both gauges read NaN (unknown), not a
 * stale value.
 */
@Component
class OutboxBacklog {

    private static final Snapshot UNKNOWN = new Snapshot(Double.NaN, Double.NaN);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AtomicReference<Snapshot> last = new AtomicReference<>(UNKNOWN);

    OutboxBacklog(JdbcClient jdbc, Clock clock, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.clock = clock;
        Gauge.builder("orion.outbox.messages.waiting", last, snapshot -> snapshot.get()
                        .waiting())
                .description("Outbox messages not yet acknowledged by Kafka")
                .register(registry);
        Gauge.builder("orion.outbox.oldest.waiting.age", last, snapshot -> snapshot.get()
                        .oldestAgeSeconds())
                .description("How long the oldest unpublished outbox message has waited; 0 when none waits")
                .baseUnit("seconds")
                .register(registry);
    }

    @Scheduled(fixedDelayString = "${orion.outbox.backlog-interval:10s}")
    void refresh() {
        try {
            last.set(measure());
        } catch (RuntimeException e) {
            // The database is away (readiness and the API already say so); the backlog is unknown meanwhile.
            last.set(UNKNOWN);
        }
    }

    /** Counts the waiting messages now, reading the database. */
    Snapshot measure() {
        Waiting waiting = jdbc.sql("""
                        select count(*) as count, min(created_at) as oldest from outbox_messages
                        where published_at is null""").query(Waiting.class).single();
        Timestamp oldest = waiting.oldest();
        double age = oldest == null
                ? 0
                : Math.max(
                        0, Duration.between(oldest.toInstant(), clock.instant()).toMillis() / 1000.0);
        return new Snapshot(waiting.count(), age);
    }

    record Waiting(long count, @Nullable Timestamp oldest) {}

    /** The backlog at one moment; NaN when it could not be measured. */
    record Snapshot(double waiting, double oldestAgeSeconds) {}
}
