package io.dbaas.nebula.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.nebula.config.RetryProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class BackOffTest {

    private static final RetryProperties SETTINGS = new RetryProperties(
            Duration.ofSeconds(1), Duration.ofMinutes(5), 0.2, Duration.ofHours(24), Duration.ofSeconds(1));
    private static final Instant FIRST_FAILURE = Instant.parse("2026-12-07T10:00:00Z");

    /** A back-off whose random source always draws {@code draw}, so that the jitter is known. */
    private static BackOff backOff(double draw) {
        return new BackOff(SETTINGS, new RandomGenerator() {
            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public double nextDouble() {
                return draw;
            }
        });
    }

    @Test
    void theDelayDoublesFromOneSecondPerFailedAttemptWithoutJitter() {
        BackOff backOff = backOff(0);

        assertThat(backOff.delayAfter(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backOff.delayAfter(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backOff.delayAfter(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(backOff.delayAfter(9)).isEqualTo(Duration.ofSeconds(256));
    }

    @Test
    void theDelayIsCappedAtFiveMinutesHoweverManyAttemptsFailed() {
        BackOff backOff = backOff(0);

        assertThat(backOff.delayAfter(10)).isEqualTo(Duration.ofMinutes(5));
        assertThat(backOff.delayAfter(10_000)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void jitterShortensADelayByAtMostItsShare() {
        assertThat(backOff(0.5).delayAfter(3)).isEqualTo(Duration.ofMillis(3_600));
        assertThat(backOff(0.999_999).delayAfter(10)).isGreaterThan(Duration.ofMinutes(4));
    }

    @Test
    void theNextAttemptFollowsTheLastFailure() {
        Instant now = FIRST_FAILURE.plusSeconds(30);

        assertThat(backOff(0).nextAttempt(FIRST_FAILURE, 3, now)).contains(now.plusSeconds(4));
    }

    @Test
    void theLastAttemptIsMadeAtTheHorizonAndNoneAfterIt() {
        Instant nearlyThere = FIRST_FAILURE.plus(Duration.ofHours(24)).minusSeconds(10);

        assertThat(backOff(0).nextAttempt(FIRST_FAILURE, 400, nearlyThere))
                .contains(FIRST_FAILURE.plus(Duration.ofHours(24)));
        assertThat(backOff(0).nextAttempt(FIRST_FAILURE, 401, FIRST_FAILURE.plus(Duration.ofHours(24))))
                .isEmpty();
    }
}
