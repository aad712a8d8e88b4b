package io.dbaas.nebula.provisioning;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gauge {@code nebula.commands.waiting}: how many commands wait in {@code pending_commands} for another attempt,
 * in every Nebula instance sharing the database. Counted at most once per {@link #MAX_AGE}, however often it is
 * scraped, so that scrapes never add load on the database beyond one small query in that time; a count that cannot be
 * made (the database is down) is NaN, not a stale number.
 */
final class WaitingCommands {

    static final String NAME = "nebula.commands.waiting";
    /** Shorter than any usual scrape interval, long enough that several scrapers cost one query. */
    static final Duration MAX_AGE = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(WaitingCommands.class);

    private final LongSupplier count;
    private final Clock clock;
    private @Nullable Instant countedAt;
    private double value = Double.NaN;

    WaitingCommands(LongSupplier count, Clock clock) {
        this.count = count;
        this.clock = clock;
    }

    void register(MeterRegistry registry) {
        Gauge.builder(NAME, this, WaitingCommands::value)
                .description("Commands kept in Nebula's database for another attempt")
                .strongReference(true)
                .register(registry);
    }

    synchronized double value() {
        Instant now = clock.instant();
        if (countedAt == null || !now.isBefore(countedAt.plus(MAX_AGE))) {
            countedAt = now;
            try {
                value = count.getAsLong();
            } catch (RuntimeException e) {
                log.debug("Counting the waiting commands failed", e);
                value = Double.NaN;
            }
        }
        return value;
    }
}
