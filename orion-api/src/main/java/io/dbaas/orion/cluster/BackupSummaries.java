package io.dbaas.orion.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What the cluster's answer says of its backups: its policy and its newest backup, so that a failed scheduled backup,
 * or backups turned off, show on the cluster. Declared here, implemented by the backup module.
 */
public interface BackupSummaries {

    BackupSummary of(UUID clusterId);

    /** The cluster's policy and newest backup. */
    record BackupSummary(boolean enabled, Duration interval, int retention, Optional<LastBackup> last) {}

    /** The newest backup of a cluster. */
    record LastBackup(
            String id,
            String state,
            @Nullable String reason,
            @Nullable Instant finishedAt) {}
}
