package io.dbaas.orion.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.contracts.MessageMetadata;
import io.dbaas.contracts.backup.BackupIds;
import io.dbaas.contracts.backup.BackupTrigger;
import io.dbaas.contracts.command.DeleteBackup;
import io.dbaas.contracts.command.TakeBackup;
import io.dbaas.contracts.event.BackupCompleted;
import io.dbaas.contracts.event.BackupDeleted;
import io.dbaas.contracts.event.BackupDeletionFailed;
import io.dbaas.contracts.event.BackupFailed;
import io.dbaas.orion.support.Claims;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The backup API: policies, backups now, listings, deletions, roles and accounts; and Nebula's answers applied. */
class BackupApiTests extends BackupScenarios {

    @Autowired
    MeterRegistry meters;

    @Test
    void everyClusterHasThePlatformsDefaultPolicyOnFromItsClaim() {
        UUID cluster = runningCluster();

        JsonNode policy = get("/v1/clusters/" + cluster + "/backup-policy").json();

        assertThat(policy.get("enabled").asBoolean()).isTrue();
        assertThat(policy.get("interval").asString()).isEqualTo("PT24H");
        assertThat(policy.get("retention").asInt()).isEqualTo(7);
        JsonNode backups = cluster(cluster).get("backups");
        assertThat(backups.get("enabled").asBoolean()).isTrue();
        assertThat(backups.get("last").isNull()).isTrue();
    }

    @Test
    void anAdminChangesThePolicyWithinTheBoundsAndTurningItOffShowsOnTheCluster() {
        UUID cluster = runningCluster();

        var changed = as(account.adminToken()).put("/v1/clusters/" + cluster + "/backup-policy", """
                {"enabled": false, "interval": "PT6H", "retention": 3}""");

        assertThat(changed.status()).isEqualTo(200);
        assertThat(get("/v1/clusters/" + cluster + "/backup-policy")
                        .json()
                        .get("interval")
                        .asString())
                .isEqualTo("PT6H");
        JsonNode backups = cluster(cluster).get("backups");
        assertThat(backups.get("enabled").asBoolean()).isFalse();
        assertThat(backups.get("retention").asInt()).isEqualTo(3);
    }

    @Test
    void aPolicyOutsideTheBoundsIsRefusedFieldByFieldAndChangesNothing() {
        UUID cluster = runningCluster();

        var refused = as(account.adminToken()).put("/v1/clusters/" + cluster + "/backup-policy", """
                {"interval": "PT30M", "retention": 31}""");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("type").asString()).isEqualTo("urn:dbaas:problem:invalid-backup-policy");
        assertThat(refused.json().get("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("enabled", "interval", "retention");
        var malformed = as(account.adminToken()).put("/v1/clusters/" + cluster + "/backup-policy", """
                {"enabled": true, "interval": "daily", "retention": 0}""");
        assertThat(malformed.json().get("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("interval", "retention");
        assertThat(get("/v1/clusters/" + cluster + "/backup-policy")
                        .json()
                        .get("retention")
                        .asInt())
                .isEqualTo(7);
    }

    @Test
    void viewersReadAndOnlyAdminsChange() {
        UUID cluster = runningCluster();
        String viewer = credential("viewer");

        assertThat(as(viewer).get("/v1/clusters/" + cluster + "/backup-policy").status())
                .isEqualTo(200);
        assertThat(as(viewer).get("/v1/clusters/" + cluster + "/backups").status())
                .isEqualTo(200);
        assertThat(as(viewer).get("/v1/backups").status()).isEqualTo(200);
        assertThat(as(viewer)
                        .put("/v1/clusters/" + cluster + "/backup-policy", """
                {"enabled": false, "interval": "P1D", "retention": 7}""")
                        .status())
                .isEqualTo(403);
        assertThat(as(viewer).post("/v1/clusters/" + cluster + "/backups", "").status())
                .isEqualTo(403);
        assertThat(backupIds(cluster)).isEmpty();
    }

    @Test
    void anotherAccountsClusterAndBackupsAreNotFound() {
        UUID cluster = runningCluster();
        String backup = takeNow(cluster).get("backup").get("id").asString();
        var other = openAccount("other");

        assertThat(as(other.adminToken())
                        .get("/v1/clusters/" + cluster + "/backups")
                        .status())
                .isEqualTo(404);
        assertThat(as(other.adminToken())
                        .get("/v1/clusters/" + cluster + "/backup-policy")
                        .status())
                .isEqualTo(404);
        assertThat(as(other.adminToken())
                        .post("/v1/clusters/" + cluster + "/backups", "")
                        .status())
                .isEqualTo(404);
        assertThat(as(other.adminToken())
                        .get("/v1/clusters/" + cluster + "/backups/" + backup)
                        .status())
                .isEqualTo(404);
        assertThat(as(other.adminToken()).get("/v1/backups").json().get("items").size())
                .isZero();
        assertThat(as(other.adminToken())
                        .get("/v1/backups?cluster_id=" + cluster)
                        .json()
                        .get("items")
                        .size())
                .isZero();
    }

    @Test
    void aBackupTakenNowIsAcceptedWithItsOperationAndCompletesWithIt() {
        UUID cluster = runningCluster();

        var taken = post("/v1/clusters/" + cluster + "/backups", "");

        assertThat(taken.status()).isEqualTo(202);
        JsonNode body = taken.json();
        String backup = body.get("backup").get("id").asString();
        UUID operation = UUID.fromString(body.get("operation").get("id").asString());
        assertThat(body.get("backup").get("state").asString()).isEqualTo("running");
        assertThat(body.get("backup").get("trigger").asString()).isEqualTo("on_demand");
        assertThat(body.get("operation").get("kind").asString()).isEqualTo("backup");
        assertThat(BackupIds.belongsTo(backup, cluster)).isTrue();
        assertThat(taken.header("Location")).isEqualTo("/v1/clusters/" + cluster + "/backups/" + backup);
        assertThat(commands(cluster, TakeBackup.class)).singleElement().satisfies(command -> {
            assertThat(command.id()).isEqualTo(operation);
            assertThat(command.backupId()).isEqualTo(backup);
            assertThat(command.trigger()).isEqualTo(BackupTrigger.ON_DEMAND);
        });
        assertThat(cluster(cluster).get("operation").isNull())
                .as("a backup is not the cluster's lifecycle operation")
                .isTrue();

        completed(cluster, backup, operation, "1.18.3", 4_096);

        awaitOperationState(operation, "succeeded");
        JsonNode read = get("/v1/clusters/" + cluster + "/backups/" + backup).json();
        assertThat(read.get("state").asString()).isEqualTo("completed");
        assertThat(read.get("size_in_bytes").asLong()).isEqualTo(4_096);
        assertThat(read.get("engine_version").asString()).isEqualTo("1.18.3");
        assertThat(cluster(cluster).get("backups").get("last").get("id").asString())
                .isEqualTo(backup);
        assertThat(get("/v1/clusters/" + cluster + "/events")
                        .json()
                        .get("items")
                        .findValuesAsString("type"))
                .contains("backup_completed");
    }

    @Test
    void aSecondBackupWhileOneRunsAndABackupOfAClusterThatDoesNotServeAreRefused() {
        UUID cluster = runningCluster();
        takeNow(cluster);

        var second = post("/v1/clusters/" + cluster + "/backups", "");
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.json().get("type").asString()).isEqualTo("urn:dbaas:problem:backup-in-progress");

        UUID pending = UUID.fromString(
                post("/v1/clusters", Claims.VALID).json().get("id").asString());
        assertThat(post("/v1/clusters/" + pending + "/backups", "").status()).isEqualTo(409);
        assertThat(commands(pending, TakeBackup.class)).isEmpty();
    }

    @Test
    void pastTheLimitOfBackupsTakenOnRequestANewOneIsRefused() {
        UUID cluster = runningCluster();
        Instant start = Instant.now().minusSeconds(3600);
        for (int i = 0; i < properties.maxOnDemand(); i++) {
            Instant at = start.plusSeconds(i);
            jdbc.sql("""
                            insert into backups (id, page_key, cluster_id, account_id, trigger, nodes, state, started_at,
                                                 updated_at)
                            values (:id, :key, :cluster, :account, 'ON_DEMAND', 3, 'COMPLETED', :at, :at)""")
                    .param("id", BackupIds.onDemand(cluster, at))
                    .param("key", UUID.randomUUID())
                    .param("cluster", cluster)
                    .param("account", account.id())
                    .param("at", Timestamp.from(at))
                    .update();
        }

        var refused = post("/v1/clusters/" + cluster + "/backups", "");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("type").asString()).isEqualTo("urn:dbaas:problem:on-demand-backup-limit");
        assertThat(commands(cluster, TakeBackup.class)).isEmpty();
    }

    @Test
    void listingsAreNewestFirstAPageAtATime() {
        UUID cluster = runningCluster();
        String first = takeNow(cluster).get("backup").get("id").asString();
        completed(cluster, first, null, "1.18.3", 1);
        awaitNextSecond();
        String second = takeNow(cluster).get("backup").get("id").asString();

        JsonNode page = get("/v1/clusters/" + cluster + "/backups?page_size=1").json();
        assertThat(page.get("items").findValuesAsString("id")).containsExactly(second);
        JsonNode next = get("/v1/clusters/" + cluster + "/backups?page_size=1&page_token="
                        + page.get("next_page_token").asString())
                .json();
        assertThat(next.get("items").findValuesAsString("id")).containsExactly(first);
        assertThat(get("/v1/backups?cluster_id=" + cluster).json().get("items").findValuesAsString("id"))
                .containsExactly(second, first);
        assertThat(get("/v1/clusters/" + cluster + "/backups?page_size=0").status())
                .isEqualTo(400);
        assertThat(get("/v1/backups?page_token=nonsense").status()).isEqualTo(400);
    }

    @Test
    void aDeletedBackupIsDeletingUntilNebulaReportsAndARunningOneCannotBeDeleted() {
        UUID cluster = runningCluster();
        String backup = takeNow(cluster).get("backup").get("id").asString();
        assertThat(delete("/v1/clusters/" + cluster + "/backups/" + backup).status())
                .isEqualTo(409);
        completed(cluster, backup, null, "1.18.3", 10);

        var deleting = delete("/v1/clusters/" + cluster + "/backups/" + backup);

        assertThat(deleting.status()).isEqualTo(202);
        assertThat(deleting.json().get("state").asString()).isEqualTo("deleting");
        assertThat(commands(cluster, DeleteBackup.class)).singleElement().satisfies(command -> {
            assertThat(command.backupId()).isEqualTo(backup);
            assertThat(command.snapshots()).isEqualTo(SNAPSHOTS);
        });

        nebula.publish(new BackupDeletionFailed(
                UUID.randomUUID(), Instant.now(), metadata(), cluster, backup, "the storage answered 503"));
        awaitBackupState(backup, "COMPLETED");
        assertThat(get("/v1/clusters/" + cluster + "/backups/" + backup)
                        .json()
                        .get("reason")
                        .asString())
                .contains("the storage answered 503");

        delete("/v1/clusters/" + cluster + "/backups/" + backup);
        nebula.publish(new BackupDeleted(UUID.randomUUID(), Instant.now(), metadata(), cluster, backup, false));
        awaitBackupState(backup, "DELETED");
        assertThat(get("/v1/clusters/" + cluster + "/backups/" + backup)
                        .json()
                        .get("state")
                        .asString())
                .isEqualTo("deleted");
        assertThat(commands(cluster, DeleteBackup.class)).hasSize(2);
    }

    @Test
    void aFailedBackupShowsOnTheClusterIsCountedOnceAndFailsItsOperation() {
        UUID cluster = runningCluster();
        JsonNode taken = takeNow(cluster);
        String backup = taken.get("backup").get("id").asString();
        UUID operation = UUID.fromString(taken.get("operation").get("id").asString());
        double before = failures("qdrant", "on_demand");
        var failure = new BackupFailed(
                UUID.randomUUID(),
                Instant.now(),
                new MessageMetadata(UUID.randomUUID(), operation, null),
                cluster,
                backup,
                "repository_exception: [dbaas] could not write");

        nebula.publish(failure);
        nebula.publish(failure);
        awaitBackupState(backup, "FAILED");
        awaitOperationState(operation, "failed");

        JsonNode last = cluster(cluster).get("backups").get("last");
        assertThat(last.get("state").asString()).isEqualTo("failed");
        assertThat(last.get("reason").asString()).contains("could not write");
        // The duplicate is applied once: one failure counted, one event in the cluster's history.
        awaitBackupState(backup, "FAILED");
        assertThat(failures("qdrant", "on_demand") - before).isEqualTo(1.0);
        assertThat(get("/v1/clusters/" + cluster + "/events")
                        .json()
                        .get("items")
                        .findValuesAsString("type"))
                .containsOnlyOnce("backup_failed");
    }

    @Test
    void theFailureCounterExistsAtZeroForEveryEngineAndTrigger() {
        for (String engine : new String[] {"qdrant", "elasticsearch"}) {
            for (String trigger : new String[] {"scheduled", "on_demand"}) {
                assertThat(meters.find("orion.backups.failed")
                                .tags("engine", engine, "trigger", trigger)
                                .counter())
                        .isNotNull();
            }
        }
    }

    @Test
    void anEventNamingAnotherClustersBackupIsRefusedAndChangesNothing() {
        UUID cluster = runningCluster();
        UUID other = runningCluster();
        String backup = takeNow(cluster).get("backup").get("id").asString();

        nebula.publish(new BackupCompleted(
                UUID.randomUUID(),
                Instant.now(),
                metadata(),
                other,
                backup,
                "1.18.3",
                1,
                Instant.now(),
                Instant.now(),
                SNAPSHOTS));
        // A later event on the right cluster shows the refused one was read first.
        String otherBackup = takeNow(other).get("backup").get("id").asString();
        completed(other, otherBackup, null, "1.18.3", 1);

        assertThat(backupState(backup)).isEqualTo("RUNNING");
        assertThat(get("/v1/clusters/" + other + "/events").json().get("items").findValuesAsString("type"))
                .containsOnlyOnce("backup_completed");
    }

    @Test
    void anEventAboutABackupOrionNeverAskedForIsDropped() {
        UUID cluster = runningCluster();
        String unknown = BackupIds.onDemand(cluster, Instant.parse("2026-01-01T00:00:00Z"));

        nebula.publish(new BackupFailed(UUID.randomUUID(), Instant.now(), metadata(), cluster, unknown, "lost"));
        String known = takeNow(cluster).get("backup").get("id").asString();
        completed(cluster, known, null, "1.18.3", 1);

        assertThat(backupIds(cluster)).containsExactly(known);
        assertThat(get("/v1/clusters/" + cluster + "/events")
                        .json()
                        .get("items")
                        .findValuesAsString("type"))
                .doesNotContain("backup_failed");
    }

    private double failures(String engine, String trigger) {
        return meters.get("orion.backups.failed")
                .tags("engine", engine, "trigger", trigger)
                .counter()
                .count();
    }

    private static MessageMetadata metadata() {
        return new MessageMetadata(UUID.randomUUID(), null, null);
    }

    /** On-demand ids name their second: a second backup of one cluster needs the next one. */
    private static void awaitNextSecond() {
        long second = Instant.now().getEpochSecond();
        org.awaitility.Awaitility.await().until(() -> Instant.now().getEpochSecond() > second);
    }
}
