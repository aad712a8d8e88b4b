package io.dbaas.orion.backup.web;

import io.dbaas.contracts.backup.BackupTrigger;
import io.dbaas.orion.backup.Backup;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A backup as clients see it. {@code state} is {@code running}, {@code completed}, {@code failed}, {@code deleting} or
 * {@code deleted}; {@code reason} says why it failed (or why its deletion failed); {@code size_in_bytes} and
 * {@code engine_version} are known once it completed. Qdrant's snapshot names are Orion's business, not shown.
 */
record BackupResponse(
        String id,
        UUID clusterId,
        String state,
        @Nullable String reason,
        BackupTrigger trigger,
        @Nullable Long sizeInBytes,
        @Nullable String engineVersion,
        Instant startedAt,
        @Nullable Instant finishedAt) {

    static BackupResponse of(Backup backup) {
        return new BackupResponse(
                backup.id(),
                backup.clusterId(),
                backup.state().wireName(),
                backup.reason(),
                backup.trigger(),
                backup.sizeInBytes(),
                backup.engineVersion(),
                backup.startedAt(),
                backup.finishedAt());
    }

    static String location(Backup backup) {
        return "/v1/clusters/" + backup.clusterId() + "/backups/" + backup.id();
    }
}
