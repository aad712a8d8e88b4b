package io.dbaas.orion.backup;

import java.time.Duration;

/**
 * How a cluster is backed up: every {@code interval} while {@code enabled}, its newest {@code retention} scheduled
 * backups kept.
 */
public record BackupPolicy(boolean enabled, Duration interval, int retention) {

    /** Due times fall on whole minutes: a scheduled backup's id names its minute (BackupIds). */
    static boolean isWholeMinutes(Duration duration) {
        return duration.toSeconds() % 60 == 0 && duration.toNanosPart() == 0;
    }
}
