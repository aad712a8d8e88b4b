package io.dbaas.nebula.kubernetes.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbaas.nebula.config.BackupStorage;
import io.dbaas.nebula.config.GatekeeperPeers;
import io.dbaas.nebula.config.RegionProperties;
import io.dbaas.nebula.config.TestBackupStorage;
import io.dbaas.nebula.config.TestRegions;
import io.dbaas.nebula.infrastructure.DBClusterSpecs;
import io.dbaas.nebula.infrastructure.TestSpecs;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * How a region's backup storage reaches each engine's nodes: the place of each cluster in the store, the
 * Elasticsearch keystore built by an init container from the cluster's copy of the credentials, Qdrant's S3 snapshot
 * storage with its keys by reference, and the refusal of a Qdrant cluster where the store is not S3-compatible.
 */
class BackupStorageRenderingTest {

    private static final UUID CLUSTER_ID = UUID.fromString("6f1c2a9e-0b7d-4e53-9a21-3c4d5e6f7a8b");
    private static final UUID ACCOUNT_ID = UUID.fromString("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d");
    private static final String BASE_PATH = "eu-west/accounts/" + ACCOUNT_ID + "/clusters/" + CLUSTER_ID;

    @Test
    void everyClusterHasAPathOfItsOwnUnderItsAccount() {
        assertThat(ClusterBackupStorage.basePath("eu-west", ACCOUNT_ID, CLUSTER_ID))
                .isEqualTo(BASE_PATH);
        assertThat(ClusterBackupStorage.basePath("", ACCOUNT_ID, CLUSTER_ID))
                .isEqualTo("accounts/" + ACCOUNT_ID + "/clusters/" + CLUSTER_ID);
        UUID other = UUID.randomUUID();
        assertThat(ClusterBackupStorage.basePath("eu-west", ACCOUNT_ID, other))
                .isNotEqualTo(BASE_PATH)
                .doesNotStartWith(BASE_PATH);
    }

    @Test
    void anElasticsearchNodeGetsTheStoresCredentialsInItsKeystoreFromFilesOnly() {
        ElasticsearchCluster cluster = elasticsearch(TestBackupStorage.minio());
        PodSpec pod = cluster.generateStatefulSet().getSpec().getTemplate().getSpec();

        assertThat(pod.getInitContainers()).singleElement().satisfies(init -> {
            assertThat(init.getName()).isEqualTo(ElasticsearchCluster.KEYSTORE_CONTAINER);
            assertThat(init.getCommand()).containsExactly("/bin/bash", "/mnt/dbaas/config/keystore.sh");
            assertThat(init.getEnv()).isNullOrEmpty();
            assertThat(mounts(init))
                    .containsEntry(ElasticsearchCluster.BACKUP_CREDENTIALS_VOLUME, "/mnt/dbaas/backup-credentials")
                    .containsEntry(ElasticsearchCluster.ES_CONFIG_VOLUME, "/mnt/dbaas/es-config");
            assertThat(init.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        });
        // Only the init container sees the credentials; the node reads them from its keystore.
        assertThat(mounts(pod.getContainers().getFirst()))
                .doesNotContainKey(ElasticsearchCluster.BACKUP_CREDENTIALS_VOLUME);
        assertThat(pod.getVolumes())
                .filteredOn(volume -> volume.getName().equals(ElasticsearchCluster.BACKUP_CREDENTIALS_VOLUME))
                .singleElement()
                .satisfies(volume -> assertThat(volume.getSecret().getSecretName())
                        .isEqualTo(ResourceNames.BACKUP_CREDENTIALS_SECRET));

        String script = cluster.generateConfigMap().getData().get(ElasticsearchBackupStorage.KEYSTORE_SCRIPT);
        assertThat(script)
                .contains("export ES_PATH_CONF='/mnt/dbaas/es-config'")
                .contains("\"$keystore\" add --force --stdin 's3.client.dbaas-backups.access_key'"
                        + " < '/mnt/dbaas/backup-credentials/access-key'")
                .contains("\"$keystore\" add --force --stdin 's3.client.dbaas-backups.secret_key'"
                        + " < '/mnt/dbaas/backup-credentials/secret-key'");
    }

    @Test
    void anS3CompatibleStoreIsReachedAtItsEndpointWithPathStyleRequests() {
        String yml = elasticsearch(TestBackupStorage.minio())
                .generateConfigMap()
                .getData()
                .get(ElasticsearchConfigFiles.CONFIG_FILE);

        assertThat(yml)
                .contains("s3.client.dbaas-backups.endpoint: http://127.0.0.1:9000\n")
                .contains("s3.client.dbaas-backups.path_style_access: true\n")
                .contains("s3.client.dbaas-backups.region: us-east-1\n")
                .doesNotContain("access_key")
                .doesNotContain("secret_key");
        assertThat(elasticsearch(TestBackupStorage.amazonS3())
                        .generateConfigMap()
                        .getData()
                        .get(ElasticsearchConfigFiles.CONFIG_FILE))
                .doesNotContain("endpoint")
                .doesNotContain("path_style_access")
                .contains("s3.client.dbaas-backups.region: eu-central-1\n");
    }

    @Test
    void gcsTakesTheServiceAccountsKeyFileAndAzureTheAccountWithKeyOrSasToken() {
        assertThat(elasticsearch(TestBackupStorage.gcs()).generateConfigMap().getData())
                .hasEntrySatisfying(ElasticsearchBackupStorage.KEYSTORE_SCRIPT, script -> assertThat(script)
                        .contains("\"$keystore\" add-file --force 'gcs.client.dbaas-backups.credentials_file'"
                                + " '/mnt/dbaas/backup-credentials/credentials.json'"));
        assertThat(elasticsearch(TestBackupStorage.azure()).generateConfigMap().getData())
                .hasEntrySatisfying(ElasticsearchBackupStorage.KEYSTORE_SCRIPT, script -> assertThat(script)
                        .contains("'azure.client.dbaas-backups.account' < '/mnt/dbaas/backup-credentials/account'")
                        .contains("if [ -s '/mnt/dbaas/backup-credentials/key' ]; then")
                        .contains("if [ -s '/mnt/dbaas/backup-credentials/sas-token' ]; then"));
    }

    @Test
    void theSnapshotRepositoryTheAgentRegistersUsesTheClusterPathAndTheNodesClient() {
        assertThat(elasticsearch(TestBackupStorage.minio()).snapshotRepository())
                .contains(new ElasticsearchSnapshotRepository(
                        "s3", Map.of("bucket", "dbaas-backups", "client", "dbaas-backups", "base_path", BASE_PATH)));
        assertThat(elasticsearch(TestBackupStorage.azure())
                        .snapshotRepository()
                        .orElseThrow()
                        .settings())
                .containsEntry("container", "dbaas-backups")
                .containsEntry("base_path", "prod/accounts/" + ACCOUNT_ID + "/clusters/" + CLUSTER_ID);
    }

    @Test
    void aQdrantNodeStoresSnapshotsInS3UnderItsClusterPathWithKeysByReferenceOnly() {
        Container qdrant = qdrant(TestRegions.region()
                        .backupStorage(TestBackupStorage.minio())
                        .build())
                .generateStatefulSet()
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .getFirst();

        Map<String, EnvVar> env = qdrant.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, e -> e));
        assertThat(env.get("QDRANT__STORAGE__SNAPSHOTS_CONFIG__SNAPSHOTS_STORAGE")
                        .getValue())
                .isEqualTo("s3");
        assertThat(env.get("QDRANT__STORAGE__SNAPSHOTS_CONFIG__S3_CONFIG__BUCKET")
                        .getValue())
                .isEqualTo("dbaas-backups");
        assertThat(env.get("QDRANT__STORAGE__SNAPSHOTS_CONFIG__S3_CONFIG__ENDPOINT_URL")
                        .getValue())
                .isEqualTo("http://127.0.0.1:9000");
        assertThat(env.get("QDRANT__STORAGE__SNAPSHOTS_CONFIG__S3_CONFIG__REGION")
                        .getValue())
                .isEqualTo("us-east-1");
        for (String key : List.of("ACCESS_KEY", "SECRET_KEY")) {
            EnvVar credential = env.get("QDRANT__STORAGE__SNAPSHOTS_CONFIG__S3_CONFIG__" + key);
            assertThat(credential.getValue()).isNull();
            assertThat(credential.getValueFrom().getSecretKeyRef().getName())
                    .isEqualTo(ResourceNames.BACKUP_CREDENTIALS_SECRET);
        }
        // Qdrant names each object after the snapshot's path without its leading "./": the cluster's own path.
        assertThat(env.get("QDRANT__STORAGE__SNAPSHOTS_PATH").getValue()).isEqualTo("./" + BASE_PATH);
        assertThat(mounts(qdrant)).containsEntry(QdrantCluster.SNAPSHOTS_VOLUME, "/qdrant/" + BASE_PATH);
    }

    @Test
    void aQdrantClusterInARegionWhoseStoreIsNotS3CompatibleIsRefusedClearly() {
        for (BackupStorage storage :
                List.of(TestBackupStorage.gcs(), TestBackupStorage.azure(), TestBackupStorage.nfs())) {
            assertThatThrownBy(() ->
                            qdrant(TestRegions.region().backupStorage(storage).build()))
                    .isInstanceOf(InvalidClusterSpecsException.class)
                    .hasMessage("Qdrant clusters cannot run in region minikube/local: its backups live in "
                            + storage.type().id()
                            + " storage, and Qdrant stores snapshots in S3-compatible storage only. Choose a region"
                            + " whose backup storage is S3-compatible.");
        }
    }

    @Test
    void onASharedFileSystemEveryNodeMountsTheExportAndTheRepositoryIsAnFsOneUnderTheClusterPath() {
        ElasticsearchCluster cluster = elasticsearch(TestBackupStorage.nfs());
        PodSpec pod = cluster.generateStatefulSet().getSpec().getTemplate().getSpec();

        assertThat(pod.getVolumes())
                .filteredOn(volume -> volume.getName().equals("backup-repository"))
                .singleElement()
                .satisfies(volume -> {
                    assertThat(volume.getNfs().getServer()).isEqualTo("nfs.storage.internal");
                    assertThat(volume.getNfs().getPath()).isEqualTo("/exports/dbaas");
                });
        assertThat(mounts(pod.getContainers().getFirst())).containsEntry("backup-repository", "/mnt/dbaas-backups");
        assertThat(pod.getInitContainers()).as("no keystore: no credentials").isEmpty();
        assertThat(pod.getVolumes()).noneMatch(volume -> volume.getName().equals("backup-credentials"));
        assertThat(cluster.generateCopiedSecrets()).isEmpty();
        assertThat(cluster.generateConfigMap().getData().get("elasticsearch.yml"))
                .contains("path.repo: [\"/mnt/dbaas-backups\"]");
        assertThat(cluster.snapshotRepository()).hasValueSatisfying(repository -> {
            assertThat(repository.type()).isEqualTo("fs");
            assertThat(repository.settings())
                    .containsExactly(Map.entry(
                            "location",
                            "/mnt/dbaas-backups/onprem/accounts/" + ACCOUNT_ID + "/clusters/" + CLUSTER_ID));
        });
    }

    @Test
    void theCopyOfTheCredentialsNamesItsSourceAndTheEntriesItNeeds() {
        assertThat(elasticsearch(TestBackupStorage.azure()).generateCopiedSecrets())
                .singleElement()
                .satisfies(copy -> {
                    assertThat(copy.name()).isEqualTo(ResourceNames.BACKUP_CREDENTIALS_SECRET);
                    assertThat(copy.secret().getMetadata().getNamespace())
                            .isEqualTo(ResourceNames.namespace(CLUSTER_ID));
                    assertThat(copy.secret().getMetadata().getAnnotations())
                            .containsEntry(CopiedSecret.COPIED_FROM, "dbaas/backup-creds");
                    assertThat(copy.secret().getData()).isNullOrEmpty();
                    assertThat(copy.requiredEntries()).containsExactly("account");
                    assertThat(copy.oneOfEntries()).containsExactly("key", "sas-token");
                });
    }

    @Test
    void aClusterWhoseAccountIsUnknownOrWhoseRegionHasNoStoreRendersWithoutBackups() {
        RegionProperties withStorage =
                TestRegions.region().backupStorage(TestBackupStorage.minio()).build();
        ElasticsearchCluster unknownAccount = ElasticsearchCluster.fromSpecs(
                TestSpecs.elasticsearch(CLUSTER_ID, 3), withStorage, GatekeeperPeers.DEFAULT);
        ElasticsearchCluster noStore = ElasticsearchCluster.fromSpecs(
                specs(TestSpecs.elasticsearch(CLUSTER_ID, 3)),
                TestRegions.region().build(),
                GatekeeperPeers.DEFAULT);

        for (ElasticsearchCluster cluster : List.of(unknownAccount, noStore)) {
            assertThat(cluster.generateCopiedSecrets()).isEmpty();
            assertThat(cluster.snapshotRepository()).isEmpty();
            assertThat(cluster.generateStatefulSet()
                            .getSpec()
                            .getTemplate()
                            .getSpec()
                            .getInitContainers())
                    .isNullOrEmpty();
            assertThat(cluster.generateConfigMap().getData())
                    .doesNotContainKey(ElasticsearchBackupStorage.KEYSTORE_SCRIPT);
        }
    }

    @Test
    void aRegionWithoutStorageRendersTheNodesAsBeforeWhetherOrNotTheAccountIsKnown() {
        RegionProperties plain = TestRegions.region().build();
        ElasticsearchCluster withAccount = ElasticsearchCluster.fromSpecs(
                specs(TestSpecs.elasticsearch(CLUSTER_ID, 3)), plain, GatekeeperPeers.DEFAULT);
        ElasticsearchCluster without =
                ElasticsearchCluster.fromSpecs(TestSpecs.elasticsearch(CLUSTER_ID, 3), plain, GatekeeperPeers.DEFAULT);

        assertThat(withAccount.generateStatefulSet()).isEqualTo(without.generateStatefulSet());
        assertThat(withAccount.generateConfigMap()).isEqualTo(without.generateConfigMap());
        assertThat(QdrantCluster.fromSpecs(specs(TestSpecs.qdrant(CLUSTER_ID)), plain, GatekeeperPeers.DEFAULT)
                        .generateStatefulSet())
                .isEqualTo(QdrantCluster.fromSpecs(TestSpecs.qdrant(CLUSTER_ID), plain, GatekeeperPeers.DEFAULT)
                        .generateStatefulSet());
        assertThat(withAccount.generateNamespace().getMetadata().getAnnotations())
                .as("kept for the resync, outside the pods")
                .containsEntry(Annotations.ACCOUNT_ID, ACCOUNT_ID.toString());
    }

    @Test
    void aChangeOfTheRegionsStorageChangesThePodTemplateSoItRollsUnderTheRolloutRules() {
        String minio = configHash(elasticsearch(TestBackupStorage.minio()));
        String amazon = configHash(elasticsearch(TestBackupStorage.amazonS3()));

        assertThat(minio).isNotEqualTo(amazon);
        assertThat(qdrant(TestRegions.region()
                                .backupStorage(TestBackupStorage.minio())
                                .build())
                        .generateStatefulSet()
                        .getSpec()
                        .getTemplate())
                .isNotEqualTo(qdrant(TestRegions.region()
                                .backupStorage(TestBackupStorage.amazonS3())
                                .build())
                        .generateStatefulSet()
                        .getSpec()
                        .getTemplate());
    }

    @Test
    void theSpecsKeptOnTheNamespaceGiveTheSameAccountBack() {
        DBClusterSpecs specs = specs(TestSpecs.elasticsearch(CLUSTER_ID, 3));

        assertThat(Annotations.readSpecs(CLUSTER_ID, specs.engine(), Annotations.desiredSpecs(specs)))
                .hasValueSatisfying(read -> assertThat(read.accountId()).isEqualTo(ACCOUNT_ID));
    }

    private static String configHash(ElasticsearchCluster cluster) {
        return cluster.generateStatefulSet()
                .getSpec()
                .getTemplate()
                .getMetadata()
                .getAnnotations()
                .get(ClusterObjects.CONFIG_HASH);
    }

    private static ElasticsearchCluster elasticsearch(BackupStorage storage) {
        return ElasticsearchCluster.fromSpecs(
                specs(TestSpecs.elasticsearch(CLUSTER_ID, 3)),
                TestRegions.region().backupStorage(storage).build(),
                GatekeeperPeers.DEFAULT);
    }

    private static QdrantCluster qdrant(RegionProperties region) {
        return QdrantCluster.fromSpecs(specs(TestSpecs.qdrant(CLUSTER_ID)), region, GatekeeperPeers.DEFAULT);
    }

    private static DBClusterSpecs specs(DBClusterSpecs specs) {
        return TestSpecs.copy(specs).account(ACCOUNT_ID).build();
    }

    private static Map<String, String> mounts(Container container) {
        return container.getVolumeMounts().stream()
                .collect(Collectors.toMap(VolumeMount::getName, VolumeMount::getMountPath));
    }
}
