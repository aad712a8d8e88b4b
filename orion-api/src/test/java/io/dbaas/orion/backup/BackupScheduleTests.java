package io.dbaas.orion.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dbaas.contracts.MessageMetadata;
import io.dbaas.contracts.backup.BackupIds;
import io.dbaas.contracts.backup.BackupTrigger;
import io.dbaas.contracts.command.DeleteBackup;
import io.dbaas.contracts.command.PurgeClusterBackups;
import io.dbaas.contracts.command.TakeBackup;
import io.dbaas.contracts.event.ClusterBackupsPurged;
import io.dbaas.orion.support.Claims;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Orion's schedule and retention, on clocks the tests set; several schedulers act as several Orion instances. */
class BackupScheduleTests extends BackupScenarios {

    @Autowired
    DataSource dataSource;

    @Test
    void aRunningClusterIsBackedUpAtTheFirstDueTimeAfterItStartedRunningThenEveryInterval() {
        UUID cluster = runningCluster();
        Instant since = runningSince(cluster, Instant.now());
        Instant first = nextDue(cluster, since);
        assertThat(backupIds(cluster))
                .as("nothing is due before the first due time")
                .isEmpty();

        scheduleAt(first.minusSeconds(60)).pass();
        assertThat(backupIds(cluster)).isEmpty();

        scheduleAt(first).pass();
        scheduleAt(first.plusSeconds(30)).pass();

        assertThat(backupIds(cluster)).containsExactly(BackupIds.scheduled(cluster, first));
        List<TakeBackup> taken = commands(cluster, TakeBackup.class);
        assertThat(taken).singleElement().satisfies(command -> {
            assertThat(command.backupId()).isEqualTo(BackupIds.scheduled(cluster, first));
            assertThat(command.trigger()).isEqualTo(BackupTrigger.SCHEDULED);
            assertThat(command.accountId()).isEqualTo(account.id());
        });

        scheduleAt(first.plus(Duration.ofDays(1))).pass();
        assertThat(backupIds(cluster)).hasSize(2);
    }

    @Test
    void afterAnOutageOnlyTheNewestMissedDueTimeIsTaken() {
        UUID cluster = runningCluster();
        Instant first = nextDue(cluster, runningSince(cluster, Instant.now()));
        scheduleAt(first).pass();

        Instant fiveDaysLater = first.plus(Duration.ofDays(5));
        scheduleAt(fiveDaysLater.plus(Duration.ofHours(3))).pass();

        assertThat(backupIds(cluster))
                .containsExactly(BackupIds.scheduled(cluster, first), BackupIds.scheduled(cluster, fiveDaysLater));
        assertThat(commands(cluster, TakeBackup.class)).hasSize(2);
    }

    @Test
    void aClusterWhoseBackupsAreTurnedOffIsNotBackedUp() {
        UUID cluster = runningCluster();
        Instant first = nextDue(cluster, runningSince(cluster, Instant.now()));
        assertThat(put("/v1/clusters/" + cluster + "/backup-policy", """
                {"enabled": false, "interval": "P1D", "retention": 7}""").status())
                .isEqualTo(200);

        scheduleAt(first.plus(Duration.ofDays(3))).pass();

        assertThat(backupIds(cluster)).isEmpty();
        assertThat(commands(cluster, TakeBackup.class)).isEmpty();
    }

    @Test
    void aClusterThatIsNotRunningIsNotBackedUp() {
        var claimed = post("/v1/clusters", Claims.VALID);
        UUID cluster = UUID.fromString(claimed.json().get("id").asString());

        scheduleAt(Instant.now().plus(Duration.ofDays(3))).pass();

        assertThat(backupIds(cluster)).isEmpty();
        assertThat(commands(cluster, TakeBackup.class)).isEmpty();
    }

    @Test
    void twoSchedulersOnOneDatabaseTakeOneBackupPerDueTime() throws Exception {
        UUID cluster = runningCluster();
        Instant due = nextDue(cluster, runningSince(cluster, Instant.now()));
        var start = new CyclicBarrier(2);
        List<CompletableFuture<BackupSchedule.Pass>> passes = new ArrayList<>();
        for (int instance = 0; instance < 2; instance++) {
            BackupSchedule schedule = scheduleAt(due);
            passes.add(CompletableFuture.supplyAsync(() -> {
                arrive(start);
                return schedule.pass();
            }));
        }
        for (var pass : passes) {
            pass.get();
        }
        // And once more each, one after the other.
        scheduleAt(due).pass();
        scheduleAt(due).pass();

        assertThat(backupIds(cluster)).containsExactly(BackupIds.scheduled(cluster, due));
        assertThat(commands(cluster, TakeBackup.class)).hasSize(1);
    }

    @Test
    void whileAnotherInstanceHoldsTheScheduleThisOneLeavesThePassToIt() throws Exception {
        UUID cluster = runningCluster();
        Instant due = nextDue(cluster, runningSince(cluster, Instant.now()));
        try (Connection otherInstance = dataSource.getConnection()) {
            otherInstance.setAutoCommit(false);
            try (PreparedStatement lock = otherInstance.prepareStatement("select pg_advisory_xact_lock(?)")) {
                lock.setLong(1, BackupSchedule.SCHEDULE_LOCK);
                lock.execute();
            }

            assertThat(scheduleAt(due).pass()).isEqualTo(BackupSchedule.Pass.SKIPPED);
            assertThat(backupIds(cluster)).isEmpty();
            otherInstance.rollback();
        }

        assertThat(scheduleAt(due).pass().ran()).isTrue();
        assertThat(backupIds(cluster)).containsExactly(BackupIds.scheduled(cluster, due));
    }

    @Test
    void aBackupRowWrittenConcurrentlyForTheSameDueTimeMeansNoSecondCommand() throws Exception {
        UUID cluster = runningCluster();
        Instant due = nextDue(cluster, runningSince(cluster, Instant.now()));
        String id = BackupIds.scheduled(cluster, due);
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (PreparedStatement insert = other.prepareStatement("""
                    insert into backups (id, page_key, cluster_id, account_id, trigger, nodes, state, started_at, updated_at)
                    values (?, ?, ?, ?, 'SCHEDULED', 3, 'RUNNING', ?, ?)""")) {
                insert.setString(1, id);
                insert.setObject(2, UUID.randomUUID());
                insert.setObject(3, cluster);
                insert.setObject(4, account.id());
                insert.setTimestamp(5, Timestamp.from(due));
                insert.setTimestamp(6, Timestamp.from(due));
                insert.executeUpdate();
            }
            var pass = CompletableFuture.supplyAsync(() -> scheduleAt(due).pass());
            // The pass's insert of the same id waits on the other transaction's row.
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> jdbc.sql("select count(*) from pg_stat_activity where wait_event_type = 'Lock'")
                                    .query(Long.class)
                                    .single()
                            > 0);
            other.commit();
            pass.get();
        }

        assertThat(backupIds(cluster)).containsExactly(id);
        assertThat(commands(cluster, TakeBackup.class)).isEmpty();
    }

    @Test
    void scheduledBackupsBeyondTheRetentionAreDeletedOldestFirstAndOnDemandOnesAreKept() {
        UUID cluster = runningCluster();
        var onDemand = takeNow(cluster).get("backup").get("id").asString();
        completed(cluster, onDemand, null, "1.18.3", 2_000);

        Instant due = nextDue(cluster, runningSince(cluster, Instant.now()));
        List<String> scheduled = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Instant at = due.plus(Duration.ofDays(i));
            scheduleAt(at).pass();
            String id = BackupIds.scheduled(cluster, at);
            scheduled.add(id);
            completed(cluster, id, null, "1.18.3", 2_100);
        }

        scheduleAt(due.plus(Duration.ofDays(7)).plusSeconds(60)).pass();

        assertThat(backupState(scheduled.getFirst())).isEqualTo("DELETING");
        assertThat(scheduled.subList(1, 8))
                .allSatisfy(id -> assertThat(backupState(id)).isEqualTo("COMPLETED"));
        assertThat(backupState(onDemand))
                .as("taken on request: kept until a user deletes it")
                .isEqualTo("COMPLETED");
        assertThat(commands(cluster, DeleteBackup.class)).singleElement().satisfies(command -> {
            assertThat(command.backupId()).isEqualTo(scheduled.getFirst());
            assertThat(command.snapshots()).isEqualTo(SNAPSHOTS);
        });

        // A second pass sends no second deletion.
        scheduleAt(due.plus(Duration.ofDays(7)).plusSeconds(120)).pass();
        assertThat(commands(cluster, DeleteBackup.class)).hasSize(1);
    }

    @Test
    void aDeletedClustersBackupsStayListedForTheRetentionThenArePurgedOnce() {
        UUID cluster = runningCluster();
        String backup = takeNow(cluster).get("backup").get("id").asString();
        completed(cluster, backup, null, "1.18.3", 2_000);
        UUID deletion = operationIdOf(delete("/v1/clusters/" + cluster));
        nebula.deleted(cluster, deletion);
        awaitState(cluster, "DELETED");
        Instant deletedAt = Instant.now();

        scheduleAt(deletedAt.plus(Duration.ofDays(29))).pass();
        assertThat(commands(cluster, PurgeClusterBackups.class)).isEmpty();
        assertThat(get("/v1/clusters/" + cluster + "/backups")
                        .json()
                        .get("items")
                        .findValuesAsString("id"))
                .containsExactly(backup);

        scheduleAt(deletedAt.plus(Duration.ofDays(31))).pass();
        scheduleAt(deletedAt.plus(Duration.ofDays(32))).pass();
        List<PurgeClusterBackups> purges = commands(cluster, PurgeClusterBackups.class);
        assertThat(purges).singleElement().satisfies(purge -> assertThat(purge.accountId())
                .isEqualTo(account.id()));

        nebula.publish(new ClusterBackupsPurged(
                UUID.randomUUID(),
                Instant.now(),
                new MessageMetadata(UUID.randomUUID(), purges.getFirst().id(), null),
                cluster,
                3));
        awaitBackupState(backup, "PURGED");
        assertThat(get("/v1/clusters/" + cluster + "/backups")
                        .json()
                        .get("items")
                        .size())
                .isZero();
        assertThat(get("/v1/backups").json().get("items").findValuesAsString("id"))
                .doesNotContain(backup);
    }

    private static void arrive(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private io.dbaas.orion.support.OrionIntegrationTests.Response put(String path, String json) {
        return as(account.adminToken()).put(path, json);
    }
}
