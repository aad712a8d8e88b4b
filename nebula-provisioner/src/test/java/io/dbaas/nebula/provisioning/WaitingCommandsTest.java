package io.dbaas.nebula.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class WaitingCommandsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicLong waiting = new AtomicLong(3);
    private final AtomicInteger queries = new AtomicInteger();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T12:00:00Z"));

    @Test
    void scrapesWithinTheBoundCostOneQueryAndALaterScrapeSeesTheNewCount() {
        new WaitingCommands(this::count, clock).register(registry);

        assertThat(gauge()).isEqualTo(3);
        waiting.set(5);
        clock.advance(WaitingCommands.MAX_AGE.minusSeconds(1));
        assertThat(gauge()).as("counted less than the bound ago").isEqualTo(3);
        assertThat(queries).hasValue(1);

        clock.advance(Duration.ofSeconds(1));
        assertThat(gauge()).isEqualTo(5);
        assertThat(queries).hasValue(2);
    }

    @Test
    void aCountThatFailsIsNoDataNotTheLastNumber() {
        new WaitingCommands(this::count, clock).register(registry);
        assertThat(gauge()).isEqualTo(3);

        waiting.set(-1);
        clock.advance(WaitingCommands.MAX_AGE);

        assertThat(gauge()).isNaN();
    }

    private long count() {
        queries.incrementAndGet();
        long value = waiting.get();
        if (value < 0) {
            throw new IllegalStateException("the database is down");
        }
        return value;
    }

    private double gauge() {
        return registry.get(WaitingCommands.NAME).gauge().value();
    }

    private static final class MutableClock extends Clock {

        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
