package io.dbaas.orion.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RelayBackoffTest {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    private final RelayBackoff backoff =
            new RelayBackoff(Duration.ofMillis(200), Duration.ofSeconds(10), Duration.ofMinutes(1));

    @Test
    void runsOnEveryPollWhileNothingFails() {
        assertThat(backoff.due(T0)).isTrue();
        assertThat(backoff.succeeded(T0)).isNull();
        assertThat(backoff.due(T0)).isTrue();
    }

    @Test
    void waitDoublesAfterEachFailureUpToTheCeiling() {
        assertThat(backoff.failed(T0)).isEqualTo(Duration.ofMillis(400));
        assertThat(backoff.failed(T0)).isEqualTo(Duration.ofMillis(800));
        assertThat(backoff.failed(T0)).isEqualTo(Duration.ofMillis(1600));
        for (int i = 0; i < 100; i++) {
            backoff.failed(T0);
        }
        assertThat(backoff.failed(T0)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void notDueUntilTheWaitIsOver() {
        Duration wait = backoff.failed(T0);

        assertThat(backoff.due(T0.plus(wait).minusMillis(1))).isFalse();
        assertThat(backoff.due(T0.plus(wait))).isTrue();
    }

    @Test
    void warnsAtTheFirstFailureThenOncePerInterval() {
        backoff.failed(T0);
        assertThat(backoff.shouldWarn(T0)).isTrue();
        backoff.failed(T0.plusSeconds(1));
        assertThat(backoff.shouldWarn(T0.plusSeconds(1))).isFalse();
        backoff.failed(T0.plusSeconds(59));
        assertThat(backoff.shouldWarn(T0.plusSeconds(59))).isFalse();
        backoff.failed(T0.plusSeconds(60));
        assertThat(backoff.shouldWarn(T0.plusSeconds(60))).isTrue();
    }

    @Test
    void successEndsTheOutageAndTellsHowLongItLasted() {
        backoff.failed(T0);
        backoff.shouldWarn(T0);
        backoff.failed(T0.plusSeconds(3));

        assertThat(backoff.succeeded(T0.plusSeconds(5))).isEqualTo(Duration.ofSeconds(5));
        assertThat(backoff.due(T0.plusSeconds(5))).isTrue();
        assertThat(backoff.failed(T0.plusSeconds(6))).as("starts over").isEqualTo(Duration.ofMillis(400));
        assertThat(backoff.shouldWarn(T0.plusSeconds(6)))
                .as("a new outage is worth a warning")
                .isTrue();
    }
}
