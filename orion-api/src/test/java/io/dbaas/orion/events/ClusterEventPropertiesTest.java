package io.dbaas.orion.events;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A retention or purge interval that would purge everything at once, or spin, stops the start. */
class ClusterEventPropertiesTest {

    @Test
    void aRetentionOfZeroOrLessIsRefused() {
        assertThatThrownBy(() -> new ClusterEventProperties(Duration.ZERO, Duration.ofHours(1)))
                .hasMessageContaining("orion.cluster-events.retention");
        assertThatThrownBy(() -> new ClusterEventProperties(Duration.ofDays(-1), Duration.ofHours(1)))
                .hasMessageContaining("orion.cluster-events.retention");
    }

    @Test
    void aPurgeIntervalOfZeroOrLessIsRefused() {
        assertThatThrownBy(() -> new ClusterEventProperties(Duration.ofDays(90), Duration.ZERO))
                .hasMessageContaining("orion.cluster-events.purge-interval");
    }
}
