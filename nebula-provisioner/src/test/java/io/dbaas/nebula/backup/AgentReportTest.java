package io.dbaas.nebula.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.contracts.backup.BackupSnapshot;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The agent's report is read only when it is one, about this action and backup. */
class AgentReportTest {

    static final String BACKUP_ID = "3f1c2b9a-8d4e-4f6a-b2c1-0a9e8d7c6b5a-202612071200";

    static String elasticsearchTaken(String backupId) {
        return """
                {"action":"take","engine":"elasticsearch","backup_id":"%s","outcome":"SUCCEEDED","state":"SUCCESS",\
                "size_in_bytes":123456,"engine_version":"8.19.0","snapshot_version":"8.19.0","indices_count":2,\
                "start_time":"2026-12-07T12:00:01Z","end_time":"2026-12-07T12:00:09Z"}""".formatted(backupId);
    }

    @Test
    void anElasticsearchReportGivesTheSnapshotsFigures() {
        AgentReport report = AgentReport.read(elasticsearchTaken(BACKUP_ID), "take", BACKUP_ID)
                .orElseThrow();

        assertThat(report.succeeded()).isTrue();
        assertThat(report.engineVersion()).isEqualTo("8.19.0");
        assertThat(report.sizeInBytes()).isEqualTo(123456);
        assertThat(report.startTime()).isEqualTo(Instant.parse("2026-12-07T12:00:01Z"));
        assertThat(report.endTime()).isEqualTo(Instant.parse("2026-12-07T12:00:09Z"));
        assertThat(report.snapshots()).isEmpty();
    }

    @Test
    void aQdrantReportGivesEverySnapshotAndTheTotal() {
        String message = """
                {"action":"take","engine":"qdrant","backup_id":"%s","outcome":"SUCCEEDED","engine_version":"1.13.4",\
                "snapshots":[{"node":0,"collection":"articles","snapshot":"articles-1.snapshot","size_in_bytes":10,\
                "checksum":"ab"},{"node":1,"collection":"articles","snapshot":"articles-2.snapshot",\
                "size_in_bytes":20,"checksum":"cd"}],"total_size_in_bytes":30,"snapshots_count":2}""".formatted(BACKUP_ID);

        AgentReport report = AgentReport.read(message, "take", BACKUP_ID).orElseThrow();

        assertThat(report.sizeInBytes()).isEqualTo(30);
        assertThat(report.snapshots())
                .containsExactly(
                        new BackupSnapshot(0, "articles", "articles-1.snapshot", 10, "ab"),
                        new BackupSnapshot(1, "articles", "articles-2.snapshot", 20, "cd"));
    }

    @Test
    void aFailureCarriesTheAgentsReasonCutToItsLimit() {
        String message = """
                {"action":"take","engine":"elasticsearch","backup_id":"%s","outcome":"FAILED","reason":"%s"}""".formatted(BACKUP_ID, "repository_exception: ".repeat(40));

        AgentReport report = AgentReport.read(message, "take", BACKUP_ID).orElseThrow();

        assertThat(report.succeeded()).isFalse();
        assertThat(report.reason()).startsWith("repository_exception").hasSize(300);
    }

    @Test
    void aDeletionOfASnapshotAlreadyGoneSaysSo() {
        String message = """
                {"action":"delete","engine":"elasticsearch","backup_id":"%s","outcome":"SUCCEEDED","already_absent":true}""".formatted(BACKUP_ID);

        assertThat(AgentReport.read(message, "delete", BACKUP_ID))
                .hasValueSatisfying(report -> assertThat(report.alreadyAbsent()).isTrue());
    }

    @Test
    void whatIsNotAReportOfThisActionAndBackupIsNoReport() {
        String other = BACKUP_ID.replace("1200", "1300");
        assertThat(AgentReport.read("Exception in thread main java.lang.OutOfMemoryError", "take", BACKUP_ID))
                .isEmpty();
        assertThat(AgentReport.read("", "take", BACKUP_ID)).isEmpty();
        assertThat(AgentReport.read(null, "take", BACKUP_ID)).isEmpty();
        assertThat(AgentReport.read(elasticsearchTaken(other), "take", BACKUP_ID))
                .as("another backup's report")
                .isEmpty();
        assertThat(AgentReport.read(elasticsearchTaken(BACKUP_ID), "delete", BACKUP_ID))
                .as("another action's report")
                .isEmpty();
        assertThat(AgentReport.read(
                        elasticsearchTaken(BACKUP_ID).replace("}", ",\"padding\":\"" + "x".repeat(5000) + "\"}"),
                        "take",
                        BACKUP_ID))
                .as("longer than Kubernetes keeps")
                .isEmpty();
        assertThat(AgentReport.read("[1,2]", "take", BACKUP_ID)).isEmpty();
        assertThat(AgentReport.read(elasticsearchTaken(BACKUP_ID).replace("SUCCEEDED", "MAYBE"), "take", BACKUP_ID))
                .isEmpty();
    }
}
