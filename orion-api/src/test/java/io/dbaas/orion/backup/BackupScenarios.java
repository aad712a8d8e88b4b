package io.dbaas.orion.backup;

import static org.awaitility.Awaitility.await;

import io.dbaas.contracts.MessageCodec;
import io.dbaas.contracts.MessageMetadata;
import io.dbaas.contracts.backup.BackupSnapshot;
import io.dbaas.contracts.command.ClusterCommand;
import io.dbaas.contracts.event.BackupCompleted;
import io.dbaas.contracts.event.BackupFailed;
import io.dbaas.contracts.tracing.MessageTracing;
import io.dbaas.orion.outbox.Outbox;
import io.dbaas.orion.support.LifecycleIntegrationTests;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.JsonNode;

/**
 * What the backup tests share: schedulers on a clock the test sets (as many as it likes, like several Orion instances
 * on one database), the commands Orion wrote for a cluster, and Nebula's answers through the real broker.
 */
abstract class BackupScenarios extends LifecycleIntegrationTests {

    static final List<BackupSnapshot> SNAPSHOTS = List.of(
            new BackupSnapshot(0, "vectors", "vectors-0.snapshot", 1_000, "a".repeat(64)),
            new BackupSnapshot(1, "vectors", "vectors-1.snapshot", 1_100, "b".repeat(64)));

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    Backups backups;

    @Autowired
    BackupPolicies policies;

    @Autowired
    Outbox outbox;

    @Autowired
    MessageTracing tracing;

    @Autowired
    BackupProperties properties;

    @Autowired
    MessageCodec messageCodec;

    /** A scheduler of its own, as another Orion instance would run it, whose clock reads {@code now}. */
    BackupSchedule scheduleAt(Instant now) {
        return new BackupSchedule(
                jdbc,
                transactionManager,
                backups,
                policies,
                new BackupCommands(outbox, tracing),
                properties,
                Clock.fixed(now, ZoneOffset.UTC));
    }

    /** When the schedule counts the cluster as running from, after a first pass at {@code now} recorded it. */
    Instant runningSince(UUID clusterId, Instant now) {
        scheduleAt(now).pass();
        return jdbc.sql("select running_since from backup_policies where cluster_id = :id")
                .param("id", clusterId)
                .query(java.sql.Timestamp.class)
                .single()
                .toInstant();
    }

    /** The cluster's next due time after {@code after}, on the default interval. */
    static Instant nextDue(UUID clusterId, Instant after) {
        Duration interval = Duration.ofDays(1);
        return DueTimes.latest(clusterId, interval, after).plus(interval);
    }

    /** Commands of this type Orion wrote for the cluster, oldest first. */
    <T extends ClusterCommand> List<T> commands(UUID clusterId, Class<T> type) {
        return jdbc
                .sql("select payload from outbox_messages where message_key = :id order by sequence")
                .param("id", clusterId.toString())
                .query((row, number) -> messageCodec.read(row.getBytes("payload"), ClusterCommand.class))
                .list()
                .stream()
                .filter(type::isInstance)
                .map(type::cast)
                .toList();
    }

    List<String> backupIds(UUID clusterId) {
        return jdbc.sql("select id from backups where cluster_id = :id order by started_at")
                .param("id", clusterId)
                .query(String.class)
                .list();
    }

    String backupState(String backupId) {
        return jdbc.sql("select state from backups where id = :id")
                .param("id", backupId)
                .query(String.class)
                .single();
    }

    void awaitBackupState(String backupId, String state) {
        await().atMost(Duration.ofSeconds(20)).until(() -> state.equals(backupState(backupId)));
    }

    /** Nebula reports the backup taken, as the command {@code cause} asked (null: a scheduled backup's command). */
    void completed(UUID clusterId, String backupId, @Nullable UUID cause, String version, long size) {
        nebula.publish(new BackupCompleted(
                UUID.randomUUID(),
                Instant.now(),
                new MessageMetadata(UUID.randomUUID(), cause, null),
                clusterId,
                backupId,
                version,
                size,
                Instant.now().minusSeconds(5),
                Instant.now(),
                SNAPSHOTS));
        awaitBackupState(backupId, "COMPLETED");
    }

    void failed(UUID clusterId, String backupId, @Nullable UUID cause, String reason) {
        nebula.publish(new BackupFailed(
                UUID.randomUUID(),
                Instant.now(),
                new MessageMetadata(UUID.randomUUID(), cause, null),
                clusterId,
                backupId,
                reason));
        awaitBackupState(backupId, "FAILED");
    }

    /** Takes a backup through the API and returns the answer's body. */
    JsonNode takeNow(UUID clusterId) {
        var taken = post("/v1/clusters/" + clusterId + "/backups", "");
        if (taken.status() != 202) {
            throw new AssertionError("backup not accepted: " + taken.status() + " " + taken.body());
        }
        return taken.json();
    }
}
