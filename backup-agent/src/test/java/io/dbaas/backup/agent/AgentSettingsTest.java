package io.dbaas.backup.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** What the agent does with settings it cannot use, and how big its report may grow. */
class AgentSettingsTest {

    @TempDir
    Path directory;

    @Test
    void aMissingSettingIsReportedInTheTerminationMessageWithAFailingExit() {
        AgentRun.Result result = new AgentRun(directory)
                .with("BACKUP_ACTION", "take")
                .with("BACKUP_ENGINE", "elasticsearch")
                .with("BACKUP_ENDPOINTS", "http://127.0.0.1:9200")
                .run();

        assertThat(result.exitStatus()).isEqualTo(1);
        assertThat(result.outcome()).isEqualTo("FAILED");
        assertThat(result.reason()).isEqualTo("BACKUP_ID is not set");
    }

    @Test
    void aBackupIdThatCouldEscapeTheSnapshotPathIsRefused() {
        AgentRun.Result result = new AgentRun(directory)
                .with("BACKUP_ACTION", "delete")
                .with("BACKUP_ENGINE", "elasticsearch")
                .with("BACKUP_ID", "../_all")
                .with("BACKUP_ENDPOINTS", "http://127.0.0.1:9200")
                .run();

        assertThat(result.exitStatus()).isEqualTo(1);
        assertThat(result.reason()).startsWith("BACKUP_ID must be");
    }

    @Test
    void anAnswerLimitThatIsNoNumberIsNamedAsTheReason() {
        AgentRun.Result result = new AgentRun(directory)
                .with("BACKUP_ACTION", "take")
                .with("BACKUP_ENGINE", "qdrant")
                .with("BACKUP_ID", "b-1")
                .with("BACKUP_ENDPOINTS", "http://127.0.0.1:6333")
                .with("BACKUP_MAX_ANSWER_BYTES", "lots")
                .run();

        assertThat(result.exitStatus()).isEqualTo(1);
        assertThat(result.reason()).isEqualTo("BACKUP_MAX_ANSWER_BYTES must be a positive number of bytes");
    }

    @Test
    void credentialsInAnEndpointAreRefusedAndNotReported() {
        AgentRun.Result result = new AgentRun(directory)
                .with("BACKUP_ACTION", "take")
                .with("BACKUP_ENGINE", "elasticsearch")
                .with("BACKUP_ID", "b-1")
                .with("BACKUP_ENDPOINTS", "http://elastic:hunter2@127.0.0.1:9200")
                .run();

        assertThat(result.exitStatus()).isEqualTo(1);
        assertThat(result.reason()).contains("must not carry credentials");
        assertThat(result.message()).doesNotContain("hunter2");
    }

    @Test
    void aStorageKeyInTheRepositorySettingsIsRefusedAndNotReported() {
        AgentRun.Result result = new AgentRun(directory)
                .with("BACKUP_ACTION", "take")
                .with("BACKUP_ENGINE", "elasticsearch")
                .with("BACKUP_ID", "b-1")
                .with("BACKUP_ENDPOINTS", "http://127.0.0.1:9")
                .withFile("BACKUP_PARAMETERS_FILE", """
                        {"repository": {"name": "backups", "type": "s3",
                          "settings": {"bucket": "b", "secret_key": "AKIA-very-secret"}}}""")
                .run();

        assertThat(result.exitStatus()).isEqualTo(1);
        assertThat(result.reason()).contains("repository.settings.secret_key is a credential");
        assertThat(result.message()).doesNotContain("AKIA-very-secret");
    }

    @Test
    void aReportTooBigForKubernetesDropsItsSnapshotListButKeepsItsOutcomeAndTotals() {
        Report report = new Report("take", "qdrant", "b-1");
        var snapshots = report.details().putArray("snapshots");
        for (int i = 0; i < 200; i++) {
            ObjectNode snapshot = JsonNodeFactory.instance.objectNode();
            snapshot.put("node", i % 3);
            snapshot.put("collection", "collection-" + i);
            snapshot.put("snapshot", "collection-" + i + "-1234567890-2026-12-07-14-30-00.snapshot");
            snapshots.add(snapshot);
        }
        report.details().put("snapshots_count", 200);
        report.details().put("total_size_in_bytes", 123456789L);
        report.succeeded();

        String message = TerminationMessage.render(report);

        assertThat(message.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(TerminationMessage.LIMIT);
        assertThat(message)
                .contains("\"outcome\":\"SUCCEEDED\"")
                .contains("\"snapshots_count\":200")
                .contains("\"snapshots_listed\":false")
                .contains("\"total_size_in_bytes\":123456789");
    }
}
