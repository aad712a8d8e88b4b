package io.dbaas.orion.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackupPropertiesTest {

    static BackupProperties with(
            Duration defaultInterval, int defaultRetention, Duration min, Duration max, int maxRet) {
        return new BackupProperties(
                defaultInterval,
                defaultRetention,
                min,
                max,
                maxRet,
                Duration.ofDays(30),
                20,
                Duration.ofDays(30),
                Duration.ofSeconds(30));
    }

    @Test
    void theDefaultsLieWithinTheBounds() {
        BackupProperties defaults = with(Duration.ofDays(1), 7, Duration.ofHours(1), Duration.ofDays(7), 30);
        assertThat(defaults.defaultPolicy()).isEqualTo(new BackupPolicy(true, Duration.ofDays(1), 7));
    }

    @Test
    void aDefaultIntervalOutsideTheBoundsIsRefusedAtStart() {
        assertThatThrownBy(() -> with(Duration.ofMinutes(30), 7, Duration.ofHours(1), Duration.ofDays(7), 30))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("default-interval");
    }

    @Test
    void aDefaultRetentionAboveTheMaximumIsRefusedAtStart() {
        assertThatThrownBy(() -> with(Duration.ofDays(1), 31, Duration.ofHours(1), Duration.ofDays(7), 30))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("default-retention");
    }

    @Test
    void boundsThatCrossOrAreNotWholeMinutesAreRefused() {
        assertThatThrownBy(() -> with(Duration.ofDays(1), 7, Duration.ofDays(2), Duration.ofDays(1), 30))
                .hasMessageContaining("max-interval");
        assertThatThrownBy(() -> with(Duration.ofDays(1), 7, Duration.ofSeconds(90), Duration.ofDays(7), 30))
                .hasMessageContaining("whole minutes");
    }
}
