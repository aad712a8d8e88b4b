package io.dbaas.orion.backup;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The platform's backup defaults and the bounds a cluster's admin may choose within; checked at start, so that Orion
 * never runs with defaults its own bounds refuse.
 *
 * @param defaultInterval how often a cluster is backed up unless its admin chose otherwise
 * @param defaultRetention how many scheduled backups are kept unless its admin chose otherwise
 * @param minInterval the shortest interval an admin may choose
 * @param maxInterval the longest interval an admin may choose
 * @param maxRetention the most scheduled backups an admin may keep
 * @param retentionAfterDeletion how long a deleted cluster's backups stay listed and restorable before they are purged
 * @param maxOnDemand the most backups taken on request a cluster may hold at once (kept until deleted)
 * @param failedRetention how long a failed backup stays listed, then is forgotten
 * @param schedulePeriod how often the schedule and the retention are looked at (one Orion instance at a time)
 */
@ConfigurationProperties("orion.backups")
public record BackupProperties(
        @DefaultValue("P1D") Duration defaultInterval,
        @DefaultValue("7") int defaultRetention,
        @DefaultValue("PT1H") Duration minInterval,
        @DefaultValue("P7D") Duration maxInterval,
        @DefaultValue("30") int maxRetention,
        @DefaultValue("P30D") Duration retentionAfterDeletion,
        @DefaultValue("20") int maxOnDemand,
        @DefaultValue("P30D") Duration failedRetention,
        @DefaultValue("30s") Duration schedulePeriod) {

    public BackupProperties {
        requirePositive("min-interval", minInterval);
        requirePositive("retention-after-deletion", retentionAfterDeletion);
        requirePositive("failed-retention", failedRetention);
        requirePositive("schedule-period", schedulePeriod);
        if (!BackupPolicy.isWholeMinutes(minInterval) || !BackupPolicy.isWholeMinutes(maxInterval)) {
            throw new IllegalArgumentException("orion.backups.min-interval and max-interval must be whole minutes");
        }
        if (maxInterval.compareTo(minInterval) < 0) {
            throw new IllegalArgumentException("orion.backups.max-interval (%s) is shorter than min-interval (%s)"
                    .formatted(maxInterval, minInterval));
        }
        if (!BackupPolicy.isWholeMinutes(defaultInterval)
                || defaultInterval.compareTo(minInterval) < 0
                || defaultInterval.compareTo(maxInterval) > 0) {
            throw new IllegalArgumentException(
                    "orion.backups.default-interval (%s) must be whole minutes between min-interval (%s) and max-interval (%s)"
                            .formatted(defaultInterval, minInterval, maxInterval));
        }
        if (maxRetention < 1) {
            throw new IllegalArgumentException("orion.backups.max-retention must be at least 1, was " + maxRetention);
        }
        if (defaultRetention < 1 || defaultRetention > maxRetention) {
            throw new IllegalArgumentException(
                    "orion.backups.default-retention (%d) must be between 1 and max-retention (%d)"
                            .formatted(defaultRetention, maxRetention));
        }
        if (maxOnDemand < 0) {
            throw new IllegalArgumentException("orion.backups.max-on-demand must not be negative, was " + maxOnDemand);
        }
    }

    /** What a cluster whose admin never chose gets. */
    public BackupPolicy defaultPolicy() {
        return new BackupPolicy(true, defaultInterval, defaultRetention);
    }

    private static void requirePositive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("orion.backups." + name + " must be positive, was " + value);
        }
    }
}
