package io.dbaas.orion.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.contracts.backup.RestoreSource;
import io.dbaas.contracts.command.ProvisionDBCluster;
import io.dbaas.orion.support.Claims;
import io.dbaas.orion.support.Regions;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A claim may start from a completed backup of its account, when the new cluster can hold and read it. */
class RestoreClaimTests extends BackupScenarios {

    @Test
    void aClaimFromACompletedBackupCarriesTheBackupAndItsSnapshotsToNebula() {
        UUID source = runningCluster();
        String backup = completedBackup(source, 2_100);

        var claimed = post("/v1/clusters", restoring(Claims.VALID, backup));

        assertThat(claimed.status()).isEqualTo(202);
        UUID restored = UUID.fromString(claimed.json().get("id").asString());
        assertThat(claimed.json().get("restored_from").get("backup_id").asString())
                .isEqualTo(backup);
        assertThat(commands(restored, ProvisionDBCluster.class)).singleElement().satisfies(command -> assertThat(
                        command.restoreFrom())
                .isEqualTo(new RestoreSource(source, backup, SNAPSHOTS)));
        assertThat(cluster(restored).get("restored_from").get("backup_id").asString())
                .isEqualTo(backup);
    }

    @Test
    void aRestoringClaimThatWaitedForCapacityStillCarriesItsBackupWhenAdmitted() {
        UUID source = runningCluster();
        String backup = completedBackup(source, 2_100);
        String region = Regions.unused();

        var waiting = post("/v1/clusters", restoring(Claims.in(Regions.PROVIDER, region), backup));
        assertThat(waiting.json().get("state").asString()).isEqualTo("WAITING_FOR_CAPACITY");
        UUID restored = UUID.fromString(waiting.json().get("id").asString());
        assertThat(commands(restored, ProvisionDBCluster.class)).isEmpty();

        sizeRegion(region, "1500m", "3Gi", "30Gi");

        assertThat(commands(restored, ProvisionDBCluster.class)).singleElement().satisfies(command -> assertThat(
                        command.restoreFrom())
                .isEqualTo(new RestoreSource(source, backup, SNAPSHOTS)));
    }

    @Test
    void aQdrantBackupIsRestoredOntoAsManyNodesAsItsClusterRanWhenItWasTaken() {
        UUID source = runningCluster();
        String backup = completedBackup(source, 2_100);
        UUID scale = operationIdOf(as(account.adminToken()).patch("/v1/clusters/" + source, "{\"nodes\": 5}"));
        nebula.updated(source, scale, "1.18.3", 5);
        awaitOperationState(scale, "succeeded");

        assertRefused(restoring(Claims.withNodes(Claims.VALID, 5), backup), "is of 3 Qdrant node(s)");
        assertThat(post("/v1/clusters", restoring(Claims.VALID, backup)).status())
                .isEqualTo(202);
    }

    @Test
    void aNewerVersionAlongTheUpgradePathMayRestoreTheBackup() {
        UUID source = runningCluster();
        String backup = completedBackup(source, 2_100);

        var claimed = post("/v1/clusters", restoring(Claims.VALID.replace("1.18.3", "1.19.0"), backup));

        assertThat(claimed.status()).isEqualTo(202);
    }

    @Test
    void aDeletedClustersBackupCanBeRestoredDuringItsRetention() {
        UUID source = runningCluster();
        String backup = completedBackup(source, 2_100);
        nebula.deleted(source, operationIdOf(delete("/v1/clusters/" + source)));
        awaitState(source, "DELETED");

        assertThat(get("/v1/backups").json().get("items").findValuesAsString("id"))
                .contains(backup);
        assertThat(post("/v1/clusters", restoring(Claims.VALID, backup)).status())
                .isEqualTo(202);
    }

    @Test
    void eachReasonABackupCannotBeRestoredIsRefusedOnItsFieldAndNothingIsClaimed() {
        UUID source = runningCluster();
        String backup = completedBackup(source, 2_100);
        String running = takeNow(runningCluster()).get("backup").get("id").asString();
        String huge = completedBackup(runningCluster(), 40L * 1024 * 1024 * 1024);
        long clustersBefore = clusters();

        assertRefused(restoring(Claims.VALID, source + "-20260101000000"), "is not a backup of this account");
        assertRefused(restoring(Claims.VALID, running), "is not completed");
        assertRefused(restoring(Claims.ELASTICSEARCH, backup), "cannot be restored into elasticsearch");
        assertRefused(restoring(Claims.VALID.replace("1.18.3", "1.17.1"), backup), "older");
        assertRefused(restoring(Claims.VALID, huge), "more than the 10Gi disk × 3 nodes");
        assertRefused(restoring(Claims.withNodes(Claims.VALID, 1), backup), "restored node by node");
        assertRefused(
                Claims.VALID.replace("\"region\": \"local\"", "\"region\": \"local\", \"restore_from\": {}"),
                "is required");

        // Another account's backup reads exactly like a missing one.
        var other = openAccount("other");
        var refused = as(other.adminToken()).post("/v1/clusters", restoring(Claims.VALID, backup));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("is not a backup of this account");
        assertThat(clusters()).isEqualTo(clustersBefore);
    }

    @Test
    void aDryRunChecksTheBackupToo() {
        UUID source = runningCluster();
        String running = takeNow(source).get("backup").get("id").asString();

        var refused = post("/v1/clusters?dry_run=true", restoring(Claims.VALID, running));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("errors").findValuesAsString("field")).contains("restore_from.backup_id");

        String completed = completedBackup(runningCluster(), 2_100);
        long clustersBefore = clusters();
        var preview = post("/v1/clusters?dry_run=true", restoring(Claims.VALID, completed));
        assertThat(preview.status()).isEqualTo(200);
        assertThat(preview.json().at("/cluster/restored_from/backup_id").asString())
                .isEqualTo(completed);
        assertThat(clusters()).as("a dry run claims nothing").isEqualTo(clustersBefore);
    }

    private void assertRefused(String claim, String detail) {
        var refused = post("/v1/clusters", claim);
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        JsonNode errors = refused.json().get("errors");
        assertThat(errors.findValuesAsString("field")).containsExactly("restore_from.backup_id");
        assertThat(errors.findValuesAsString("detail"))
                .singleElement()
                .asString()
                .contains(detail);
    }

    private String completedBackup(UUID cluster, long size) {
        JsonNode taken = takeNow(cluster);
        String id = taken.get("backup").get("id").asString();
        completed(cluster, id, UUID.fromString(taken.get("operation").get("id").asString()), "1.18.3", size);
        return id;
    }

    private long clusters() {
        return jdbc.sql("select count(*) from clusters where account_id = :account")
                .param("account", account.id())
                .query(Long.class)
                .single();
    }

    /** The claim, with a restore_from after its last field. */
    private static String restoring(String claim, String backupId) {
        int end = claim.lastIndexOf('}');
        return claim.substring(0, end) + ", \"restore_from\": {\"backup_id\": \"" + backupId + "\"}}";
    }
}
