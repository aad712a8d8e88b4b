package io.dbaas.nebula.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dbaas.contracts.Engine;
import io.dbaas.contracts.event.BackupCompleted;
import io.dbaas.contracts.event.BackupDeleted;
import io.dbaas.contracts.event.BackupFailed;
import io.dbaas.nebula.config.BackupJobProperties;
import io.dbaas.nebula.events.EventIds;
import io.dbaas.nebula.kubernetes.model.BackupAgentJob;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An agent Job that ended is read from its pod's termination message, published once as its outcome and deleted. The
 * test plays the Job controller and the kubelet, setting the statuses they would.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class RegionJobWatchTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    KubernetesClient client;

    private final BackupFixtures fixtures = new BackupFixtures();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final UUID commandId = UUID.randomUUID();
    private @Nullable RegionJobWatch watch;

    @AfterEach
    void close() {
        if (watch != null) {
            watch.close();
        }
    }

    @Test
    void aBackupThatSucceededIsPublishedWithTheReportsFiguresAndItsJobDeleted() {
        Job job = startedJob(BackupAgentJob.TAKE, Engine.ELASTICSEARCH);
        watch();

        ended(job, true, 0, AgentReportTest.elasticsearchTaken(fixtures.backupId));

        await().atMost(PATIENCE).until(() -> !fixtures.published.isEmpty());
        assertThat(fixtures.published).singleElement().isInstanceOfSatisfying(BackupCompleted.class, completed -> {
            assertThat(completed.id()).isEqualTo(EventIds.of(commandId, BackupCompleted.NAME));
            assertThat(completed.metadata().causationId()).isEqualTo(commandId);
            assertThat(completed.backupId()).isEqualTo(fixtures.backupId);
            assertThat(completed.engineVersion()).isEqualTo("8.19.0");
            assertThat(completed.sizeInBytes()).isEqualTo(123456);
            assertThat(completed.startedAt()).isEqualTo(Instant.parse("2026-12-07T12:00:01Z"));
            assertThat(completed.finishedAt()).isEqualTo(Instant.parse("2026-12-07T12:00:09Z"));
        });
        await().atMost(PATIENCE).until(() -> jobNamed(job) == null);
        assertThat(registry.get("nebula.backup.jobs")
                        .tag("engine", "elasticsearch")
                        .tag("action", "take")
                        .tag("outcome", "succeeded")
                        .timer()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void aJobThatEndedWhileNebulaWasDownIsPublishedFromTheWatchsInitialList() {
        Job job = startedJob(BackupAgentJob.DELETE, Engine.ELASTICSEARCH);
        ended(job, true, 0, """
                {"action":"delete","engine":"elasticsearch","backup_id":"%s","outcome":"SUCCEEDED","already_absent":true}""".formatted(fixtures.backupId));

        watch();

        await().atMost(PATIENCE).until(() -> !fixtures.published.isEmpty());
        assertThat(fixtures.published)
                .singleElement()
                .isInstanceOfSatisfying(BackupDeleted.class, deleted -> assertThat(deleted.alreadyAbsent())
                        .isTrue());
    }

    @Test
    void aReportOfAnotherBackupIsNotTrusted() {
        Job job = startedJob(BackupAgentJob.TAKE, Engine.ELASTICSEARCH);
        watch();

        ended(job, true, 0, AgentReportTest.elasticsearchTaken(fixtures.clusterId + "-202612071300"));

        await().atMost(PATIENCE).until(() -> !fixtures.published.isEmpty());
        assertThat(fixtures.published).singleElement().isInstanceOfSatisfying(BackupFailed.class, failed -> {
            assertThat(failed.id()).isEqualTo(EventIds.of(commandId, BackupFailed.NAME));
            assertThat(failed.reason()).startsWith("The backup agent's report could not be read");
        });
    }

    @Test
    void aFailedBackupCarriesTheAgentsReason() {
        Job job = startedJob(BackupAgentJob.TAKE, Engine.QDRANT);
        watch();

        ended(job, false, 1, """
                {"action":"take","engine":"qdrant","backup_id":"%s","outcome":"FAILED",\
                "reason":"snapshot of collection articles on node 1: Service internal error: No space left"}""".formatted(fixtures.backupId));

        await().atMost(PATIENCE).until(() -> !fixtures.published.isEmpty());
        assertThat(fixtures.published).singleElement().isInstanceOfSatisfying(BackupFailed.class, failed -> assertThat(
                        failed.reason())
                .isEqualTo("snapshot of collection articles on node 1: Service internal error: No space left"));
    }

    @Test
    void aJobKilledWithoutAReportFailsWithThePodsReasonAndNeverItsLogs() {
        Job job = startedJob(BackupAgentJob.TAKE, Engine.ELASTICSEARCH);
        watch();

        ended(job, false, 137, "");

        await().atMost(PATIENCE).until(() -> !fixtures.published.isEmpty());
        assertThat(fixtures.published).singleElement().isInstanceOfSatisfying(BackupFailed.class, failed -> assertThat(
                        failed.reason())
                .isEqualTo("The backup agent's Job failed without a report: the agent's container ended"
                        + " OOMKilled, exit code 137."));
    }

    @Test
    void aJobOfAnotherRegionOnTheSameApiServerIsLeftToThatRegion() {
        Job job = startedJob(BackupAgentJob.TAKE, Engine.ELASTICSEARCH);
        client.batch()
                .v1()
                .jobs()
                .inNamespace(fixtures.namespace)
                .withName(job.getMetadata().getName())
                .edit(live -> {
                    live.getMetadata().getAnnotations().put("dbaas.io/region", "elsewhere");
                    return live;
                });
        ended(job, true, 0, AgentReportTest.elasticsearchTaken(fixtures.backupId));

        watch();

        await().during(Duration.ofSeconds(2)).atMost(PATIENCE).until(() -> jobNamed(job) != null);
        assertThat(fixtures.published).isEmpty();
    }

    private void watch() {
        watch = new RegionJobWatch(
                BackupFixtures.connection(client, BackupFixtures.region(null)),
                fixtures.publisher,
                fixtures.events,
                new BackupJobMeters(registry),
                (connection, cause, outcome) -> {},
                Clock.systemUTC());
        watch.start();
    }

    private Job startedJob(String action, Engine engine) {
        JobCause cause =
                new JobCause(fixtures.clusterId, engine, action, fixtures.backupId, commandId, UUID.randomUUID(), null);
        BackupAgentJob agentJob = new BackupAgentJob(
                action,
                engine,
                fixtures.backupId,
                fixtures.clusterId,
                1,
                null,
                BackupJobProperties.DEFAULTS,
                cause.annotations(BackupFixtures.REGION));
        return client.batch().v1().jobs().resource(agentJob.generateJob()).create();
    }

    /** What the kubelet and the Job controller write when the agent's container ended with {@code message}. */
    private void ended(Job job, boolean succeeded, int exitCode, String message) {
        client.pods()
                .resource(new PodBuilder()
                        .withNewMetadata()
                        .withName(job.getMetadata().getName() + "-x1")
                        .withNamespace(fixtures.namespace)
                        .withLabels(job.getSpec().getTemplate().getMetadata().getLabels())
                        .endMetadata()
                        .withNewStatus()
                        .withPhase(succeeded ? "Succeeded" : "Failed")
                        .withContainerStatuses(new ContainerStatusBuilder()
                                .withName("backup-agent")
                                .withNewState()
                                .withNewTerminated()
                                .withExitCode(exitCode)
                                .withReason(exitCode == 137 ? "OOMKilled" : succeeded ? "Completed" : "Error")
                                .withMessage(message)
                                .withFinishedAt("2026-12-07T12:00:10Z")
                                .endTerminated()
                                .endState()
                                .build())
                        .endStatus()
                        .build())
                .create();
        client.batch()
                .v1()
                .jobs()
                .inNamespace(fixtures.namespace)
                .withName(job.getMetadata().getName())
                .editStatus(live -> {
                    live.setStatus(new JobStatusBuilder()
                            .withStartTime("2026-12-07T12:00:00Z")
                            .withCompletionTime(succeeded ? "2026-12-07T12:00:10Z" : null)
                            .withSucceeded(succeeded ? 1 : 0)
                            .withFailed(succeeded ? 0 : 3)
                            .withConditions(new JobConditionBuilder()
                                    .withType(succeeded ? "Complete" : "Failed")
                                    .withStatus("True")
                                    .withReason(succeeded ? null : "BackoffLimitExceeded")
                                    .build())
                            .build());
                    return live;
                });
    }

    private @Nullable Job jobNamed(Job job) {
        return client.batch()
                .v1()
                .jobs()
                .inNamespace(fixtures.namespace)
                .withName(job.getMetadata().getName())
                .get();
    }
}
