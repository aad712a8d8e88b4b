package io.dbaas.orion.backup;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * When a cluster's scheduled backups are due: {@code anchor + k × interval}, the anchor a whole number of minutes
 * within the interval taken from the cluster's id, so that a thousand clusters with the same interval do not all
 * snapshot at the same minute, and a cluster's due times stay put across restarts and instances.
 */
final class DueTimes {

    private DueTimes() {}

    /** The cluster's offset from the epoch within one interval: whole minutes, stable for the cluster. */
    static Duration anchor(UUID clusterId, Duration interval) {
        long minutes = interval.toMinutes();
        long hash = clusterId.getMostSignificantBits() ^ clusterId.getLeastSignificantBits();
        return Duration.ofMinutes(Math.floorMod(hash, minutes));
    }

    /** The newest due time at or before {@code now}. */
    static Instant latest(UUID clusterId, Duration interval, Instant now) {
        long offset = anchor(clusterId, interval).toSeconds();
        long step = interval.toSeconds();
        long k = Math.floorDiv(now.getEpochSecond() - offset, step);
        return Instant.ofEpochSecond(offset + k * step);
    }

    /**
     * The due time to back up now, if any: the newest one at or before {@code now}, when it is after the cluster
     * started running and newer than the last one written. Due times missed while no Orion ran are not replayed: only
     * the newest.
     */
    static Optional<Instant> toTake(
            UUID clusterId, Duration interval, Instant runningSince, @Nullable Instant lastDue, Instant now) {
        Instant latest = latest(clusterId, interval, now);
        if (!latest.isAfter(runningSince) || (lastDue != null && !latest.isAfter(lastDue))) {
            return Optional.empty();
        }
        return Optional.of(latest);
    }
}
