package io.dbaas.nebula.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.contracts.Engine;
import io.dbaas.contracts.MessageCodec;
import io.dbaas.contracts.backup.BackupSnapshot;
import io.dbaas.contracts.backup.RestoreSource;
import io.dbaas.contracts.event.ClusterFailed;
import io.dbaas.contracts.tracing.MessageTracing;
import io.dbaas.nebula.backup.storage.BackupStorageException;
import io.dbaas.nebula.backup.storage.SnapshotLocations;
import io.dbaas.nebula.config.BackupJobProperties;
import io.dbaas.nebula.config.TestBackupStorage;
import io.dbaas.nebula.events.EventIds;
import io.dbaas.nebula.kubernetes.model.Annotations;
import io.dbaas.nebula.kubernetes.region.RegionConnection;
import io.dbaas.nebula.kubernetes.status.BackupRestores.DueRestore;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A new cluster provisioned from a backup is restored by a Job, and its failure fails the cluster with the reason. */
@EnableKubernetesMockClient(crud = true, https = false)
class RestoreJobsTest {

    KubernetesClient client;

    private final BackupFixtures fixtures = new BackupFixtures();
    private final UUID sourceClusterId = UUID.randomUUID();
    private final String sourceBackupId = sourceClusterId + "-20261207120000";
    private final UUID provisionId = UUID.randomUUID();
    private final List<BackupSnapshot> snapshots = List.of(
            new BackupSnapshot(0, "articles", "articles-0.snapshot", 10, "aa11"),
            new BackupSnapshot(1, "articles", "articles-1.snapshot", 20, "bb22"));

    @Test
    void anElasticsearchClusterReadsTheSourcesRepositoryOfTheSameAccount() {
        newClusterFrom(new RestoreSource(sourceClusterId, sourceBackupId, List.of()), "elasticsearch");

        restores(null).restoreDue(connection(), due(Engine.ELASTICSEARCH));

        Job job = client.batch()
                .v1()
                .jobs()
                .inNamespace(fixtures.namespace)
                .withName("restore-" + sourceBackupId)
                .get();
        assertThat(job).isNotNull();
        assertThat(job.getMetadata().getAnnotations()).containsEntry("dbaas.io/command-id", provisionId.toString());
        assertThat(parameters(job))
                .contains("\"name\":\"dbaas-restore-source\"")
                .contains("\"base_path\":\"eu-west/accounts/" + fixtures.accountId + "/clusters/" + sourceClusterId
                        + "\"");
    }

    @Test
    void aQdrantClusterRecoversEachSourceNodesSnapshotOnTheSameNodeFromASignedUrl() {
        newClusterFrom(new RestoreSource(sourceClusterId, sourceBackupId, snapshots), "qdrant");
        SnapshotLocations signer = (region, account, source, validFor) -> {
            assertThat(account).isEqualTo(fixtures.accountId);
            return List.of(URI.create("https://store.test/a0?sig=1"), URI.create("https://store.test/a1?sig=2"));
        };

        restores(signer).restoreDue(connection(), due(Engine.QDRANT));

        Job job = client.batch()
                .v1()
                .jobs()
                .inNamespace(fixtures.namespace)
                .withName("restore-" + sourceBackupId)
                .get();
        assertThat(parameters(job))
                .isEqualTo("{\"recoveries\":[{\"node\":0,\"collection\":\"articles\",\"location\":"
                        + "\"https://store.test/a0?sig=1\",\"checksum\":\"aa11\"},{\"node\":1,\"collection\":"
                        + "\"articles\",\"location\":\"https://store.test/a1?sig=2\",\"checksum\":\"bb22\"}]}");
        assertThat(fixtures.published).isEmpty();
    }

    @Test
    void aBackupTheStoreDoesNotHoldFailsTheClusterWithoutAJob() {
        newClusterFrom(new RestoreSource(sourceClusterId, sourceBackupId, snapshots), "qdrant");
        SnapshotLocations signer = (region, account, source, validFor) -> {
            throw new BackupStorageException("snapshot articles-1.snapshot is not in the backup storage");
        };

        restores(signer).restoreDue(connection(), due(Engine.QDRANT));

        assertThat(client.batch()
                        .v1()
                        .jobs()
                        .inNamespace(fixtures.namespace)
                        .list()
                        .getItems())
                .isEmpty();
        assertClusterFailed("Restoring backup " + sourceBackupId
                + " failed: snapshot articles-1.snapshot is not in the backup storage");
        assertThat(outcome("qdrant")).isEqualTo("failed");
    }

    @Test
    void aFailedRestoreJobFailsTheClusterWithTheAgentsReasonAndASucceededOneLetsItBeProvisioned() {
        newClusterFrom(new RestoreSource(sourceClusterId, sourceBackupId, List.of()), "elasticsearch");
        JobCause cause = new JobCause(
                fixtures.clusterId,
                Engine.ELASTICSEARCH,
                "restore",
                sourceBackupId,
                provisionId,
                UUID.randomUUID(),
                null);

        restores(null).ended(connection(), cause, new JobOutcome.Failed("snapshot_missing_exception: [x] is missing"));

        assertClusterFailed(
                "Restoring backup " + sourceBackupId + " failed: snapshot_missing_exception: [x] is missing");
        assertThat(outcome("elasticsearch")).isEqualTo("failed");

        fixtures.published.clear();
        restores(null)
                .ended(
                        connection(),
                        cause,
                        new JobOutcome.Succeeded(new AgentReport(true, "", "8.19.0", 0, null, null, List.of(), false)));
        assertThat(fixtures.published).isEmpty();
        assertThat(outcome("elasticsearch")).isEqualTo("succeeded");
    }

    private void assertClusterFailed(String reason) {
        assertThat(fixtures.published).singleElement().isInstanceOfSatisfying(ClusterFailed.class, failed -> {
            assertThat(failed.id()).isEqualTo(EventIds.of(provisionId, ClusterFailed.NAME));
            assertThat(failed.metadata().causationId()).isEqualTo(provisionId);
            assertThat(failed.reason()).isEqualTo(reason);
        });
    }

    private void newClusterFrom(RestoreSource source, String statefulSet) {
        fixtures.runningCluster(client, statefulSet, 3);
        String json = new MessageCodec().json().writeValueAsString(source);
        client.namespaces().withName(fixtures.namespace).edit(namespace -> {
            namespace.getMetadata().getAnnotations().put(Annotations.RESTORE_FROM, json);
            return namespace;
        });
    }

    private String outcome(String statefulSet) {
        return client.apps()
                .statefulSets()
                .inNamespace(fixtures.namespace)
                .withName(statefulSet)
                .get()
                .getMetadata()
                .getAnnotations()
                .get(Annotations.RESTORE_OUTCOME);
    }

    private DueRestore due(Engine engine) {
        return new DueRestore(fixtures.clusterId, engine, fixtures.namespace, 2, provisionId, UUID.randomUUID(), null);
    }

    private RestoreJobs restores(SnapshotLocations signer) {
        return new RestoreJobs(
                fixtures.publisher, MessageTracing.off(), BackupJobProperties.DEFAULTS, signer, Clock.systemUTC());
    }

    private RegionConnection connection() {
        return BackupFixtures.connection(client, BackupFixtures.region(TestBackupStorage.minio()));
    }

    private String parameters(Job job) {
        Secret secret = client.secrets()
                .inNamespace(fixtures.namespace)
                .withName(job.getMetadata().getName())
                .get();
        if (secret.getStringData() != null && secret.getStringData().containsKey("parameters.json")) {
            return secret.getStringData().get("parameters.json");
        }
        return new String(Base64.getDecoder().decode(secret.getData().get("parameters.json")), StandardCharsets.UTF_8);
    }
}
