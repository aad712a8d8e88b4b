package io.dbaas.nebula;

import static io.dbaas.nebula.ClusterCommands.provision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dbaas.contracts.Engine;
import io.dbaas.contracts.MessageMetadata;
import io.dbaas.contracts.backup.BackupIds;
import io.dbaas.contracts.backup.BackupTrigger;
import io.dbaas.contracts.backup.RestoreSource;
import io.dbaas.contracts.command.ProvisionDBCluster;
import io.dbaas.contracts.command.TakeBackup;
import io.dbaas.contracts.event.BackupCompleted;
import io.dbaas.contracts.event.ClusterFailed;
import io.dbaas.contracts.event.ClusterProvisioned;
import io.dbaas.nebula.kubernetes.model.BackupAgentJob;
import io.dbaas.nebula.kubernetes.model.ElasticsearchNames;
import io.dbaas.nebula.kubernetes.model.ResourceNames;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Backups through Kafka and the agent's Jobs, in a region with backup storage: a TakeBackup starts one Job however
 * often it arrives, and its end is published once; a cluster claimed from a backup is restored before it is announced.
 * The test plays the Job controller and the kubelet (the mock API server runs no controller).
 */
class BackupJobsIT extends NebulaScenario {

    private static final String PROVIDER = "backed";
    private static final String REGION = "local";

    @BeforeEach
    void regionsBackupCredentials() {
        if (kubernetes.secrets().inNamespace("dbaas").withName("backup-creds").get() == null) {
            kubernetes
                    .secrets()
                    .resource(new SecretBuilder()
                            .withNewMetadata()
                            .withName("backup-creds")
                            .withNamespace("dbaas")
                            .endMetadata()
                            .addToStringData("access-key", "test-access")
                            .addToStringData("secret-key", "test-secret")
                            .build())
                    .create();
        }
    }

    @Test
    void aBackupAskedForTwiceIsOneJobWhoseEndIsPublishedOnceWithTheAgentsFigures() {
        ProvisionDBCluster cluster = provision(PROVIDER, REGION, 1, Engine.ELASTICSEARCH);
        String namespace = runningElasticsearch(cluster);
        TakeBackup take = take(cluster);

        send(take);
        send(take);
        Job job = awaitJob(namespace, BackupIds.jobName("take", take.backupId()));
        awaitWatchCaughtUp(PROVIDER, REGION);
        assertThat(kubernetes.batch().v1().jobs().inNamespace(namespace).list().getItems())
                .hasSize(1);

        ended(job, true, """
                {"action":"take","engine":"elasticsearch","backup_id":"%s","outcome":"SUCCEEDED","state":"SUCCESS",\
                "size_in_bytes":4096,"engine_version":"8.15.3","start_time":"2026-12-07T12:00:01Z",\
                "end_time":"2026-12-07T12:00:02Z"}""".formatted(take.backupId()));

        BackupCompleted completed = awaitEvent(cluster.clusterId(), BackupCompleted.class);
        assertThat(completed.metadata().causationId()).isEqualTo(take.id());
        assertThat(completed.sizeInBytes()).isEqualTo(4096);
        assertThat(completed.engineVersion()).isEqualTo("8.15.3");
        await().atMost(PATIENCE)
                .until(() -> jobNamed(namespace, job.getMetadata().getName()) == null);
        assertThat(eventsOf(cluster.clusterId(), BackupCompleted.class))
                .extracting(BackupCompleted::id)
                .containsOnly(completed.id());
    }

    @Test
    void aClusterClaimedFromABackupIsAnnouncedOnlyOnceTheBackupIsRestored() {
        ProvisionDBCluster claim = fromBackup(provision(PROVIDER, REGION, 1, Engine.ELASTICSEARCH));
        send(claim);
        String namespace = ResourceNames.namespace(claim.clusterId());
        markReady(namespace, ElasticsearchNames.STATEFUL_SET, 1);

        Job restore = awaitJob(
                namespace, BackupIds.jobName("restore", claim.restoreFrom().backupId()));
        awaitWatchCaughtUp(PROVIDER, REGION);
        assertThat(events(claim.clusterId())).noneMatch(ClusterProvisioned.class::isInstance);

        ended(restore, true, """
                {"action":"restore","engine":"elasticsearch","backup_id":"%s","outcome":"SUCCEEDED",\
                "restored_indices_count":2}""".formatted(claim.restoreFrom().backupId()));

        ClusterProvisioned provisioned = awaitEvent(claim.clusterId(), ClusterProvisioned.class);
        assertThat(provisioned.metadata().causationId()).isEqualTo(claim.id());
    }

    @Test
    void aFailedRestoreFailsTheClaimedClusterWithTheAgentsReason() {
        ProvisionDBCluster claim = fromBackup(provision(PROVIDER, REGION, 1, Engine.ELASTICSEARCH));
        send(claim);
        String namespace = ResourceNames.namespace(claim.clusterId());
        markReady(namespace, ElasticsearchNames.STATEFUL_SET, 1);
        Job restore = awaitJob(
                namespace, BackupIds.jobName("restore", claim.restoreFrom().backupId()));

        ended(restore, false, """
                {"action":"restore","engine":"elasticsearch","backup_id":"%s","outcome":"FAILED",\
                "reason":"snapshot_missing_exception: [dbaas-restore-source:x] is missing"}""".formatted(claim.restoreFrom().backupId()));

        ClusterFailed failed = awaitEvent(claim.clusterId(), ClusterFailed.class);
        assertThat(failed.reason())
                .isEqualTo("Restoring backup " + claim.restoreFrom().backupId()
                        + " failed: snapshot_missing_exception: [dbaas-restore-source:x] is missing");
        awaitWatchCaughtUp(PROVIDER, REGION);
        assertThat(events(claim.clusterId())).noneMatch(ClusterProvisioned.class::isInstance);
    }

    private String runningElasticsearch(ProvisionDBCluster command) {
        send(command);
        String namespace = ResourceNames.namespace(command.clusterId());
        markReady(namespace, ElasticsearchNames.STATEFUL_SET, 1);
        awaitEvent(command.clusterId(), ClusterProvisioned.class);
        await().atMost(PATIENCE).until(() -> awaitStatefulSet(namespace, ElasticsearchNames.STATEFUL_SET)
                .getMetadata()
                .getAnnotations()
                .containsKey("dbaas.io/announced-command"));
        return namespace;
    }

    private static TakeBackup take(ProvisionDBCluster cluster) {
        return new TakeBackup(
                UUID.randomUUID(),
                Instant.now(),
                MessageMetadata.startingChain(UUID.randomUUID()),
                cluster.accountId(),
                cluster.cloudProvider(),
                cluster.cloudRegion(),
                cluster.clusterId(),
                cluster.engine(),
                BackupIds.onDemand(cluster.clusterId(), Instant.now()),
                BackupTrigger.ON_DEMAND);
    }

    private static ProvisionDBCluster fromBackup(ProvisionDBCluster claim) {
        UUID source = UUID.randomUUID();
        return new ProvisionDBCluster(
                claim.id(),
                claim.createdAt(),
                claim.metadata(),
                claim.accountId(),
                claim.cloudProvider(),
                claim.cloudRegion(),
                claim.clusterId(),
                claim.clusterName(),
                claim.engine(),
                claim.clusterVersion(),
                claim.dbConfiguration(),
                new RestoreSource(source, BackupIds.scheduled(source, Instant.now()), List.of()));
    }

    private Job awaitJob(String namespace, String name) {
        return await().atMost(PATIENCE).until(() -> jobNamed(namespace, name), job -> job != null);
    }

    private @Nullable Job jobNamed(String namespace, String name) {
        return kubernetes
                .batch()
                .v1()
                .jobs()
                .inNamespace(namespace)
                .withName(name)
                .get();
    }

    /** The kubelet's and the Job controller's part: the agent's container ended with {@code report}. */
    private void ended(Job job, boolean succeeded, String report) {
        kubernetes
                .pods()
                .resource(new PodBuilder()
                        .withNewMetadata()
                        .withName(job.getMetadata().getName() + "-a1")
                        .withNamespace(job.getMetadata().getNamespace())
                        .withLabels(job.getSpec().getTemplate().getMetadata().getLabels())
                        .endMetadata()
                        .withNewStatus()
                        .withContainerStatuses(new ContainerStatusBuilder()
                                .withName(BackupAgentJob.CONTAINER)
                                .withNewState()
                                .withNewTerminated()
                                .withExitCode(succeeded ? 0 : 1)
                                .withMessage(report)
                                .endTerminated()
                                .endState()
                                .build())
                        .endStatus()
                        .build())
                .create();
        kubernetes
                .batch()
                .v1()
                .jobs()
                .inNamespace(job.getMetadata().getNamespace())
                .withName(job.getMetadata().getName())
                .editStatus(live -> {
                    live.setStatus(new JobStatusBuilder()
                            .withStartTime("2026-12-07T12:00:00Z")
                            .withConditions(new JobConditionBuilder()
                                    .withType(succeeded ? "Complete" : "Failed")
                                    .withStatus("True")
                                    .build())
                            .build());
                    return live;
                });
    }
}
