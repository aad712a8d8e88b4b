package io.dbaas.orion.backup;

import io.dbaas.contracts.Engine;
import io.dbaas.contracts.backup.BackupIds;
import io.dbaas.contracts.backup.BackupTrigger;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Orion's backup schedule and retention (ADR 0017, as amended: Orion keeps them). Every Orion instance runs a pass
 * every {@code orion.backups.schedule-period}, but a pass runs only in the instance that takes a PostgreSQL advisory
 * lock for its transaction. Within a pass a due backup's row and its {@code TakeBackup} are written in one
 * transaction, and the row's id (the cluster and the due minute) is unique: two instances, or a pass that raced a
 * concurrent insert, write one backup and one command per due time.
 */
@Component
class BackupSchedule {

    private static final Logger log = LoggerFactory.getLogger(BackupSchedule.class);

    static final long SCHEDULE_LOCK = 0x6261636b757073L; // "backups"

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Backups backups;
    private final BackupPolicies policies;
    private final BackupCommands commands;
    private final BackupProperties properties;
    private final Clock clock;

    BackupSchedule(
            JdbcClient jdbc,
            PlatformTransactionManager transactionManager,
            Backups backups,
            BackupPolicies policies,
            BackupCommands commands,
            BackupProperties properties,
            Clock clock) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.backups = backups;
        this.policies = policies;
        this.commands = commands;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(
            initialDelayString = "${orion.backups.schedule-period:30s}",
            fixedDelayString = "${orion.backups.schedule-period:30s}")
    void scheduledPass() {
        try {
            pass();
        } catch (RuntimeException e) {
            // The next pass catches up: only the newest missed due time is taken, so nothing piles up meanwhile.
            log.warn(
                    "The backup schedule's pass failed ({}); trying again later",
                    e.getClass().getSimpleName());
        }
    }

    /** One pass; returns what it did, or {@link Pass#SKIPPED} when another instance holds the lock. */
    Pass pass() {
        Instant now = clock.instant();
        Pass done = transactions.execute(status -> {
            if (!lock()) {
                return Pass.SKIPPED;
            }
            return new Pass(true, takeDueBackups(now), applyRetention(now), purgeDeletedClusters(now));
        });
        return done == null ? Pass.SKIPPED : done;
    }

    /** What one pass wrote: backups taken, backups whose deletion was asked, clusters whose backups are purged. */
    record Pass(boolean ran, int taken, int deleting, int purging) {
        static final Pass SKIPPED = new Pass(false, 0, 0, 0);
    }

    private boolean lock() {
        return jdbc.sql("select pg_try_advisory_xact_lock(:lock)")
                .param("lock", SCHEDULE_LOCK)
                .query(Boolean.class)
                .single();
    }

    private int takeDueBackups(Instant now) {
        int taken = 0;
        for (Candidate candidate : candidates()) {
            Instant since = candidate.runningSince() != null ? candidate.runningSince() : startRunning(candidate, now);
            Duration interval = candidate.intervalSeconds() == null
                    ? properties.defaultInterval()
                    : Duration.ofSeconds(candidate.intervalSeconds());
            Optional<Instant> due =
                    DueTimes.toTake(candidate.target().clusterId(), interval, since, candidate.lastDue(), now);
            if (due.isPresent() && take(candidate.target(), due.get(), now)) {
                taken++;
            }
        }
        return taken;
    }

    /** The clusters that serve, with a policy that is on (a cluster without one has the default: on). */
    private List<Candidate> candidates() {
        return jdbc.sql("""
                        select c.id, c.account_id, c.provider, c.region, c.engine, c.running_nodes, c.updated_at,
                               p.interval_seconds, p.running_since, p.last_due_at
                        from clusters c left join backup_policies p on p.cluster_id = c.id
                        where c.state in ('RUNNING', 'DEGRADED') and coalesce(p.enabled, true)""")
                .query((row, number) -> {
                    long seconds = row.getLong("interval_seconds");
                    Long interval = row.wasNull() ? null : seconds;
                    Timestamp since = row.getTimestamp("running_since");
                    Timestamp last = row.getTimestamp("last_due_at");
                    return new Candidate(
                            new BackupTarget(
                                    row.getObject("id", UUID.class),
                                    row.getObject("account_id", UUID.class),
                                    row.getString("provider"),
                                    row.getString("region"),
                                    Engine.valueOf(row.getString("engine")),
                                    row.getInt("running_nodes")),
                            row.getTimestamp("updated_at").toInstant(),
                            interval,
                            since == null ? null : since.toInstant(),
                            last == null ? null : last.toInstant());
                })
                .list();
    }

    private record Candidate(
            BackupTarget target,
            Instant stateSince,
            @Nullable Long intervalSeconds,
            @Nullable Instant runningSince,
            @Nullable Instant lastDue) {}

    /**
     * Remembers when a cluster seen serving for the first time started to: its last change of state, which made it
     * running (never later than now).
     */
    private Instant startRunning(Candidate candidate, Instant now) {
        Instant since = candidate.stateSince().isBefore(now) ? candidate.stateSince() : now;
        jdbc.sql("""
                        insert into backup_policies (cluster_id, running_since, updated_at)
                        values (:cluster, :since, :now)
                        on conflict (cluster_id) do update set running_since = excluded.running_since
                        where backup_policies.running_since is null""")
                .param("cluster", candidate.target().clusterId())
                .param("since", Timestamp.from(since))
                .param("now", Timestamp.from(now))
                .update();
        return since;
    }

    private boolean take(BackupTarget cluster, Instant due, Instant now) {
        String id = BackupIds.scheduled(cluster.clusterId(), due);
        boolean inserted = backups.insert(
                Backup.started(id, cluster.clusterId(), cluster.accountId(), BackupTrigger.SCHEDULED, null, due),
                cluster.nodes(),
                now);
        if (inserted) {
            commands.take(UUID.randomUUID(), cluster, id, BackupTrigger.SCHEDULED, now);
            log.info("Scheduled backup {} of cluster {} is due at {}", id, cluster.clusterId(), due);
        }
        jdbc.sql("update backup_policies set last_due_at = :due where cluster_id = :cluster")
                .param("due", Timestamp.from(due))
                .param("cluster", cluster.clusterId())
                .update();
        return inserted;
    }

    /**
     * Completed scheduled backups beyond each serving cluster's retention, oldest first, are deleted; backups taken on
     * request are kept until a user deletes them. Failed and deleted backups are forgotten after
     * {@code orion.backups.failed-retention}: nothing of them is left in the storage.
     */
    private int applyRetention(Instant now) {
        int deleting = 0;
        List<BackupTarget> clusters = jdbc.sql("""
                        select distinct c.id, c.account_id, c.provider, c.region, c.engine, c.running_nodes
                        from clusters c join backups b on b.cluster_id = c.id
                        where c.state in ('RUNNING', 'DEGRADED') and b.trigger = 'SCHEDULED' and b.state = 'COMPLETED'""")
                .query((row, number) -> new BackupTarget(
                        row.getObject("id", UUID.class),
                        row.getObject("account_id", UUID.class),
                        row.getString("provider"),
                        row.getString("region"),
                        Engine.valueOf(row.getString("engine")),
                        row.getInt("running_nodes")))
                .list();
        for (BackupTarget cluster : clusters) {
            int keep = policies.of(cluster.clusterId()).retention();
            for (Backup expired : backups.scheduledBeyond(cluster.clusterId(), keep)) {
                backups.move(expired.id(), BackupState.DELETING, null, null, now);
                commands.delete(cluster, expired, now);
                deleting++;
                log.info(
                        "Backup {} of cluster {} is past its retention of {}; deleting it",
                        expired.id(),
                        cluster.clusterId(),
                        keep);
            }
        }
        backups.forgetSettledBefore(now.minus(properties.failedRetention()));
        return deleting;
    }

    /**
     * A deleted cluster's backups stay listed and restorable for {@code orion.backups.retention-after-deletion}; then
     * one {@code PurgeClusterBackups} goes out per cluster (its row in backup_purges makes it one).
     */
    private int purgeDeletedClusters(Instant now) {
        Instant deletedBefore = now.minus(properties.retentionAfterDeletion());
        List<BackupTarget> expired = jdbc.sql("""
                        select c.id, c.account_id, c.provider, c.region, c.engine, c.running_nodes
                        from clusters c
                        where c.state = 'DELETED' and c.updated_at < :before
                          and exists (select 1 from backups b where b.cluster_id = c.id and b.state <> 'PURGED')
                          and not exists (select 1 from backup_purges p where p.cluster_id = c.id)""")
                .param("before", Timestamp.from(deletedBefore))
                .query((row, number) -> new BackupTarget(
                        row.getObject("id", UUID.class),
                        row.getObject("account_id", UUID.class),
                        row.getString("provider"),
                        row.getString("region"),
                        Engine.valueOf(row.getString("engine")),
                        row.getInt("running_nodes")))
                .list();
        int purging = 0;
        for (BackupTarget cluster : expired) {
            UUID commandId = UUID.randomUUID();
            int inserted = jdbc.sql("""
                            insert into backup_purges (cluster_id, command_id, requested_at) values (:cluster, :command, :now)
                            on conflict do nothing""")
                    .param("cluster", cluster.clusterId())
                    .param("command", commandId)
                    .param("now", Timestamp.from(now))
                    .update();
            if (inserted == 1) {
                commands.purge(commandId, cluster, now);
                purging++;
                log.info(
                        "Cluster {} was deleted more than {} ago; purging its backups",
                        cluster.clusterId(),
                        properties.retentionAfterDeletion());
            }
        }
        return purging;
    }
}
