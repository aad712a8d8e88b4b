package io.dbaas.orion.backup;

import io.dbaas.contracts.Engine;
import io.dbaas.contracts.backup.BackupIds;
import io.dbaas.contracts.backup.BackupTrigger;
import io.dbaas.contracts.event.BackupCompleted;
import io.dbaas.contracts.event.BackupDeleted;
import io.dbaas.contracts.event.BackupDeletionFailed;
import io.dbaas.contracts.event.BackupEvent;
import io.dbaas.contracts.event.BackupFailed;
import io.dbaas.contracts.event.ClusterBackupsPurged;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies Nebula's backup events to the backups, in the transaction that applies the event (the caller made sure it is
 * the event's first time). An event about a backup Orion does not know, or whose id is not one of the event's cluster,
 * changes nothing: it is logged by its ids and dropped.
 */
@Service
public class BackupLedger {

    private static final Logger log = LoggerFactory.getLogger(BackupLedger.class);

    private final Backups backups;
    private final JdbcClient jdbc;
    private final MeterRegistry meters;
    private final Clock clock;

    BackupLedger(Backups backups, JdbcClient jdbc, MeterRegistry meters, Clock clock) {
        this.backups = backups;
        this.jdbc = jdbc;
        this.meters = meters;
        this.clock = clock;
        // Registered at zero, so that the alert on it has a series to read before the first failure.
        for (Engine engine : Engine.values()) {
            for (BackupTrigger trigger : BackupTrigger.values()) {
                failures(engine, trigger);
            }
        }
    }

    /**
     * Applies the event to the backup it names, or to every backup of its cluster for a purge.
     *
     * @param engine the engine of the event's cluster, for the failure counter's tag
     * @return whether it was applied; {@code false} when it was refused and changed nothing
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean apply(BackupEvent event, Engine engine) {
        Instant now = clock.instant();
        if (event instanceof ClusterBackupsPurged purged) {
            int rows = backups.purgeAllOf(purged.clusterId(), now);
            jdbc.sql("update backup_purges set purged_at = :now where cluster_id = :cluster")
                    .param("now", Timestamp.from(now))
                    .param("cluster", purged.clusterId())
                    .update();
            log.info(
                    "Backups of cluster {} are purged ({} listed, {} objects deleted)",
                    purged.clusterId(),
                    rows,
                    purged.objectsDeleted());
            return true;
        }
        String backupId = backupIdOf(event);
        if (!BackupIds.belongsTo(backupId, event.clusterId())) {
            log.warn(
                    "Refused {} {}: its backup id is not one of cluster {}; nothing changed",
                    event.name(),
                    event.id(),
                    event.clusterId());
            return false;
        }
        Optional<Backup> found = backups.lock(backupId);
        if (found.isEmpty()) {
            log.warn("Event {} ({}) names unknown backup {}", event.id(), event.name(), backupId);
            return false;
        }
        Backup backup = found.get();
        switch (event) {
            case BackupCompleted done -> {
                if (backup.state() == BackupState.RUNNING) {
                    backups.complete(
                            backupId,
                            done.engineVersion(),
                            done.sizeInBytes(),
                            done.snapshots(),
                            done.finishedAt(),
                            now);
                }
            }
            case BackupFailed failed -> {
                if (backup.state() == BackupState.RUNNING) {
                    backups.move(backupId, BackupState.FAILED, failed.reason(), failed.createdAt(), now);
                    failures(engine, backup.trigger()).increment();
                }
            }
            case BackupDeleted deleted -> backups.move(backupId, BackupState.DELETED, null, null, now);
            case BackupDeletionFailed failed -> {
                if (backup.state() == BackupState.DELETING) {
                    backups.deletionFailed(backupId, "Deletion failed: " + failed.reason(), now);
                }
            }
            case ClusterBackupsPurged purged -> throw new IllegalStateException("handled above");
        }
        return true;
    }

    private static String backupIdOf(BackupEvent event) {
        return switch (event) {
            case BackupCompleted done -> done.backupId();
            case BackupFailed failed -> failed.backupId();
            case BackupDeleted deleted -> deleted.backupId();
            case BackupDeletionFailed failed -> failed.backupId();
            case ClusterBackupsPurged purged -> throw new IllegalArgumentException("a purge names no backup");
        };
    }

    private Counter failures(Engine engine, BackupTrigger trigger) {
        return Counter.builder("orion.backups.failed")
                .description("Backups that could not be taken, by engine and trigger (scheduled or on_demand)")
                .tag("engine", engine.name().toLowerCase(Locale.ROOT))
                .tag("trigger", trigger.name().toLowerCase(Locale.ROOT))
                .register(meters);
    }
}
