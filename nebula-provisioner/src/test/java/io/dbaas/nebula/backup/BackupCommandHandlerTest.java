package io.dbaas.nebula.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.contracts.Engine;
import io.dbaas.contracts.command.TakeBackup;
import io.dbaas.contracts.event.BackupFailed;
import io.dbaas.nebula.config.BackupJobProperties;
import io.dbaas.nebula.config.BackupStorage;
import io.dbaas.nebula.config.NebulaProperties;
import io.dbaas.nebula.config.TestBackupStorage;
import io.dbaas.nebula.config.TestRegions;
import io.dbaas.nebula.events.EventIds;
import io.dbaas.nebula.kubernetes.model.BackupAgentJob;
import io.dbaas.nebula.kubernetes.region.RegionClients;
import io.dbaas.nebula.kubernetes.region.RegionConnection;
import io.dbaas.nebula.region.Region;
import io.dbaas.nebula.region.RegionCatalog;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** TakeBackup and DeleteBackup start one agent Job, after checking the command against the cluster. */
@EnableKubernetesMockClient(crud = true, https = false)
class BackupCommandHandlerTest {

    KubernetesClient client;

    private final BackupFixtures fixtures = new BackupFixtures();

    @Test
    void aBackupOfARunningElasticsearchClusterIsOneJobWithTheClustersOwnRepository() {
        fixtures.runningCluster(client, "elasticsearch", 3);
        TakeBackup command = fixtures.take(Engine.ELASTICSEARCH);

        handler(TestBackupStorage.minio()).handle(command);

        Job job = onlyJob();
        assertThat(job.getMetadata().getName()).isEqualTo("backup-" + fixtures.backupId);
        assertThat(job.getMetadata().getAnnotations())
                .containsEntry("dbaas.io/command-id", command.id().toString())
                .containsEntry("dbaas.io/engine", "elasticsearch");
        Secret parameters = client.secrets()
                .inNamespace(fixtures.namespace)
                .withName(job.getMetadata().getName())
                .get();
        assertThat(parameters.getMetadata().getOwnerReferences())
                .singleElement()
                .satisfies(owner ->
                        assertThat(owner.getName()).isEqualTo(job.getMetadata().getName()));
        assertThat(parametersOf(parameters))
                .contains("\"name\":\"dbaas-backups\"")
                .contains("\"type\":\"s3\"")
                .contains("\"bucket\":\"dbaas-backups\"")
                .contains("\"base_path\":\"eu-west/accounts/" + fixtures.accountId + "/clusters/" + fixtures.clusterId
                        + "\"")
                .doesNotContain("secret_key", "access_key");
        assertThat(fixtures.published).isEmpty();
    }

    @Test
    void theSameCommandHandledTwiceOrByTwoNebulasStartsOneJob() {
        fixtures.runningCluster(client, "qdrant", 3);
        TakeBackup command = fixtures.take(Engine.QDRANT);

        handler(TestBackupStorage.minio()).handle(command);
        handler(TestBackupStorage.minio()).handle(command);
        handler(TestBackupStorage.minio()).handle(fixtures.take(Engine.QDRANT));

        Job job = onlyJob();
        assertThat(job.getMetadata().getAnnotations())
                .containsEntry("dbaas.io/command-id", command.id().toString());
        assertThat(fixtures.published).isEmpty();
    }

    @Test
    void anotherAccountsCommandIsRefusedAndNoJobStarts() {
        fixtures.runningCluster(client, "qdrant", 3);
        TakeBackup command = fixtures.take(Engine.QDRANT, UUID.randomUUID());

        handler(TestBackupStorage.minio()).handle(command);

        assertThat(jobs()).isEmpty();
        assertThat(fixtures.published).singleElement().isInstanceOfSatisfying(BackupFailed.class, failed -> {
            assertThat(failed.id()).isEqualTo(EventIds.of(command.id(), BackupFailed.NAME));
            assertThat(failed.metadata().causationId()).isEqualTo(command.id());
            assertThat(failed.reason()).contains("was not found for this account");
        });
    }

    @Test
    void aClusterWithoutAReadyNodeIsNotRunning() {
        fixtures.runningCluster(client, "elasticsearch", 0);

        handler(TestBackupStorage.minio()).handle(fixtures.take(Engine.ELASTICSEARCH));

        assertThat(jobs()).isEmpty();
        assertThat(fixtures.published).singleElement().isInstanceOfSatisfying(BackupFailed.class, failed -> assertThat(
                        failed.reason())
                .contains("cluster is not running"));
    }

    @Test
    void aRegionWithoutBackupStorageTakesNoBackup() {
        fixtures.runningCluster(client, "elasticsearch", 3);

        handler(null).handle(fixtures.take(Engine.ELASTICSEARCH));

        assertThat(jobs()).isEmpty();
        assertThat(fixtures.published).singleElement().isInstanceOfSatisfying(BackupFailed.class, failed -> assertThat(
                        failed.reason())
                .contains("region has no backup storage"));
    }

    private BackupCommandHandler handler(@Nullable BackupStorage storage) {
        Region region = BackupFixtures.region(storage);
        NebulaProperties properties = TestRegions.nebula(
                BackupFixtures.REGION.provider(), BackupFixtures.REGION.region(), region.properties());
        RegionConnection connection = BackupFixtures.connection(client, region);
        RegionClients clients = new RegionClients(event -> {}) {
            @Override
            public RegionConnection connect(Region any) {
                return connection;
            }
        };
        return new BackupCommandHandler(
                new RegionCatalog(properties),
                clients,
                fixtures.publisher,
                fixtures.events,
                BackupJobProperties.DEFAULTS);
    }

    private Job onlyJob() {
        List<Job> jobs = jobs();
        assertThat(jobs).hasSize(1);
        Job job = jobs.getFirst();
        assertThat(job.getMetadata().getLabels()).containsEntry(BackupAgentJob.BACKUP_ID_LABEL, fixtures.backupId);
        return job;
    }

    private List<Job> jobs() {
        return client.batch().v1().jobs().inNamespace(fixtures.namespace).list().getItems();
    }

    private static String parametersOf(Secret secret) {
        if (secret.getStringData() != null && secret.getStringData().containsKey("parameters.json")) {
            return secret.getStringData().get("parameters.json");
        }
        return new String(Base64.getDecoder().decode(secret.getData().get("parameters.json")), StandardCharsets.UTF_8);
    }
}
