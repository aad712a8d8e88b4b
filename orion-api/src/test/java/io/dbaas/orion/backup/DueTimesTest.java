package io.dbaas.orion.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DueTimesTest {

    static final Duration DAY = Duration.ofDays(1);
    static final UUID CLUSTER = UUID.fromString("3f9d6c1e-0b7a-4c52-9e4f-7d2a1b8c6e90");

    @Test
    void clustersAreStaggeredOverTheIntervalOnWholeMinutes() {
        Set<Duration> anchors = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            Duration anchor = DueTimes.anchor(UUID.randomUUID(), DAY);
            assertThat(anchor).isBetween(Duration.ZERO, DAY.minusMinutes(1));
            assertThat(anchor.toSeconds() % 60).isZero();
            anchors.add(anchor);
        }
        // 1000 clusters over 1440 minutes: far from all at the same minute.
        assertThat(anchors).hasSizeGreaterThan(400);
        assertThat(DueTimes.anchor(CLUSTER, DAY)).as("stable per cluster").isEqualTo(DueTimes.anchor(CLUSTER, DAY));
    }

    @Test
    void theLatestDueTimeIsTheClustersAnchorPlusWholeIntervals() {
        Instant now = Instant.parse("2026-12-07T17:00:00Z");
        Instant latest = DueTimes.latest(CLUSTER, DAY, now);
        assertThat(latest).isBeforeOrEqualTo(now).isAfter(now.minus(DAY));
        assertThat(Duration.between(Instant.EPOCH, latest).toSeconds() % DAY.toSeconds())
                .isEqualTo(DueTimes.anchor(CLUSTER, DAY).toSeconds());
    }

    @Test
    void nothingIsDueBeforeTheFirstDueTimeAfterTheClusterStartedRunning() {
        Instant since = Instant.parse("2026-12-07T17:00:00Z");
        Instant first = DueTimes.latest(CLUSTER, DAY, since).plus(DAY);

        assertThat(DueTimes.toTake(CLUSTER, DAY, since, null, first.minusSeconds(60)))
                .isEmpty();
        assertThat(DueTimes.toTake(CLUSTER, DAY, since, null, first)).contains(first);
        assertThat(DueTimes.toTake(CLUSTER, DAY, since, first, first.plusSeconds(60)))
                .as("a due time already written")
                .isEmpty();
    }

    @Test
    void onlyTheNewestMissedDueTimeIsTaken() {
        Instant since = Instant.parse("2026-12-01T00:00:00Z");
        Instant first = DueTimes.latest(CLUSTER, DAY, since).plus(DAY);
        Instant fiveDaysLater = first.plus(Duration.ofDays(5)).plusSeconds(3600);

        assertThat(DueTimes.toTake(CLUSTER, DAY, since, first, fiveDaysLater)).contains(first.plus(Duration.ofDays(5)));
    }
}
