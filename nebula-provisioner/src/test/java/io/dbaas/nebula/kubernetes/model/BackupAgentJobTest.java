package io.dbaas.nebula.kubernetes.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbaas.contracts.Engine;
import io.dbaas.nebula.config.BackupJobProperties;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The backup agent's Job, as backup-agent/README.md asks to be run. */
class BackupAgentJobTest {

    private static final UUID CLUSTER_ID = UUID.fromString("3f1c2b9a-8d4e-4f6a-b2c1-0a9e8d7c6b5a");
    private static final String NAMESPACE = "dbaas-" + CLUSTER_ID;
    private static final String BACKUP_ID = CLUSTER_ID + "-202612071200";
    private static final String SECRET_LOOKING =
            "{\"recoveries\":[{\"location\":\"https://s3/x?X-Amz-Signature=abc\"}]}";

    @Test
    void anElasticsearchBackupIsAJobNamedAfterTheBackupThatReachesTheClientServiceWithFilesOnly() {
        Job job = job(BackupAgentJob.TAKE, Engine.ELASTICSEARCH, 3, "{\"repository\":{}}")
                .generateJob();

        assertThat(job.getMetadata().getName()).isEqualTo("backup-" + BACKUP_ID);
        assertThat(job.getMetadata().getNamespace()).isEqualTo(NAMESPACE);
        assertThat(job.getMetadata().getLabels())
                .containsEntry("dbaas.io/backup-id", BACKUP_ID)
                .containsEntry("dbaas.io/backup-action", "take")
                .doesNotContainKey(Labels.MANAGED_BY);
        assertThat(job.getSpec().getTemplate().getMetadata().getLabels())
                .containsEntry("dbaas.io/backup-id", BACKUP_ID)
                .containsEntry("dbaas.io/backup-action", "take")
                .containsAllEntriesOf(BackupAgentJob.selector(CLUSTER_ID));
        assertThat(job.getSpec().getBackoffLimit()).isEqualTo(2);
        Map<String, String> env = env(container(job));
        assertThat(env)
                .containsEntry("BACKUP_ACTION", "take")
                .containsEntry("BACKUP_ENGINE", "elasticsearch")
                .containsEntry("BACKUP_ID", BACKUP_ID)
                .containsEntry("BACKUP_ENDPOINTS", "https://elasticsearch." + NAMESPACE + ".svc:9200")
                .containsEntry("BACKUP_ENGINE_USERNAME", "elastic")
                .containsEntry("BACKUP_ENGINE_CREDENTIAL_FILE", "/var/run/dbaas/credential/elastic")
                .containsEntry("BACKUP_ENGINE_CA_FILE", "/var/run/dbaas/ca/ca.crt")
                .containsEntry("BACKUP_PARAMETERS_FILE", "/var/run/dbaas/parameters/parameters.json");
        assertThat(volume(job, "credential").getSecret().getSecretName()).isEqualTo("elasticsearch-elastic-user");
        assertThat(volume(job, "credential").getSecret().getItems())
                .singleElement()
                .satisfies(item -> assertThat(item.getKey()).isEqualTo("elastic"));
        assertThat(volume(job, "ca").getSecret().getSecretName()).isEqualTo("elasticsearch-ca");
        assertThat(volume(job, "ca").getSecret().getItems())
                .as("the CA's certificate only, never its key")
                .singleElement()
                .satisfies(item -> assertThat(item.getKey()).isEqualTo("ca.crt"));
        assertThat(volume(job, "parameters").getSecret().getSecretName())
                .isEqualTo(job.getMetadata().getName());
    }

    @Test
    void aQdrantJobReachesEveryNodeInOrderWithTheMasterKeyNeverTheReadOnlyKey() {
        Job job = job(BackupAgentJob.TAKE, Engine.QDRANT, 3, null).generateJob();

        Map<String, String> env = env(container(job));
        assertThat(env.get("BACKUP_ENDPOINTS"))
                .isEqualTo("https://qdrant-0.qdrant-headless." + NAMESPACE + ".svc:6333,"
                        + "https://qdrant-1.qdrant-headless." + NAMESPACE + ".svc:6333,"
                        + "https://qdrant-2.qdrant-headless." + NAMESPACE + ".svc:6333");
        assertThat(env).doesNotContainKeys("BACKUP_PARAMETERS_FILE", "BACKUP_ENGINE_USERNAME");
        assertThat(volume(job, "credential").getSecret().getSecretName()).isEqualTo("qdrant-master-key");
        assertThat(volume(job, "ca").getSecret().getSecretName()).isEqualTo("qdrant-ca");
        assertThat(job(BackupAgentJob.TAKE, Engine.QDRANT, 3, null).generateParametersSecret())
                .isEmpty();
    }

    @Test
    void theAgentRunsLockedDownAndReportsThroughItsTerminationMessage() {
        Job job = job(BackupAgentJob.DELETE, Engine.QDRANT, 1, "{\"snapshots\":[]}")
                .generateJob();
        PodSpec pod = job.getSpec().getTemplate().getSpec();
        Container agent = container(job);

        assertThat(job.getMetadata().getName()).isEqualTo("delete-" + BACKUP_ID);
        assertThat(pod.getRestartPolicy()).isEqualTo("Never");
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(agent.getName()).isEqualTo("backup-agent");
        assertThat(agent.getImage()).isEqualTo("dbaas/backup-agent:latest");
        assertThat(agent.getTerminationMessagePolicy()).isEqualTo("FallbackToLogsOnError");
        assertThat(agent.getTerminationMessagePath()).as("the default path").isNull();
        assertThat(agent.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(agent.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(agent.getResources().getLimits()).containsKeys("cpu", "memory");
        assertThat(job.getSpec().getTtlSecondsAfterFinished()).isEqualTo(7 * 24 * 3600);
        assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(12 * 3600L);
    }

    @Test
    void noSecretIsEverAnEnvironmentValueOrOnTheCommandLine() {
        BackupAgentJob restore = job(BackupAgentJob.RESTORE, Engine.QDRANT, 1, SECRET_LOOKING);
        Job job = restore.generateJob();
        Container agent = container(job);

        assertThat(agent.getCommand()).isEmpty();
        assertThat(agent.getArgs()).isEmpty();
        assertThat(agent.getEnv()).allSatisfy(variable -> {
            assertThat(variable.getValueFrom()).isNull();
            assertThat(variable.getValue()).doesNotContain("Signature", "recoveries");
        });
        assertThat(restore.generateParametersSecret()).hasValueSatisfying(secret -> assertThat(secret.getStringData())
                .containsEntry("parameters.json", SECRET_LOOKING));
    }

    @Test
    void anUnknownActionIsRefused() {
        assertThatThrownBy(() -> job("copy", Engine.QDRANT, 1, null)).isInstanceOf(IllegalArgumentException.class);
    }

    private static BackupAgentJob job(String action, Engine engine, int nodes, String parameters) {
        return new BackupAgentJob(
                action,
                engine,
                BACKUP_ID,
                CLUSTER_ID,
                nodes,
                parameters,
                BackupJobProperties.DEFAULTS,
                Map.of("dbaas.io/command-id", UUID.randomUUID().toString()));
    }

    private static Container container(Job job) {
        return job.getSpec().getTemplate().getSpec().getContainers().getFirst();
    }

    private static Volume volume(Job job, String name) {
        return job.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(volume -> volume.getName().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static Map<String, String> env(Container container) {
        return container.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    }
}
