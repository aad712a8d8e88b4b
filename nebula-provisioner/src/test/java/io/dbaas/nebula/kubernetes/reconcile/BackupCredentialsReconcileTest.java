package io.dbaas.nebula.kubernetes.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbaas.nebula.config.DeletionProperties;
import io.dbaas.nebula.config.RegionProperties;
import io.dbaas.nebula.config.TestBackupStorage;
import io.dbaas.nebula.config.TestRegions;
import io.dbaas.nebula.config.VolumePolicy;
import io.dbaas.nebula.infrastructure.InfrastructureException;
import io.dbaas.nebula.infrastructure.ProvisioningReport;
import io.dbaas.nebula.infrastructure.ProvisioningReport.AppliedResource;
import io.dbaas.nebula.infrastructure.ResourceChange;
import io.dbaas.nebula.infrastructure.TestSpecs;
import io.dbaas.nebula.kubernetes.apply.Appliers;
import io.dbaas.nebula.kubernetes.blueprint.ElasticsearchBlueprint;
import io.dbaas.nebula.kubernetes.blueprint.QdrantBlueprint;
import io.dbaas.nebula.kubernetes.model.DesiredCluster;
import io.dbaas.nebula.kubernetes.model.ElasticsearchNames;
import io.dbaas.nebula.kubernetes.model.Labels;
import io.dbaas.nebula.kubernetes.model.ResourceNames;
import io.dbaas.nebula.kubernetes.model.SecretEntries;
import io.dbaas.nebula.support.NebulaDatabase;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The region's backup-storage credentials reconciled against fabric8's CRUD mock API server: copied into the cluster's
 * namespace before any pod refers to them, found nowhere else, followed when the region's operator rotates them,
 * refused clearly (and without a value) when missing or incomplete, and removed with the cluster.
 */
@EnableKubernetesMockClient(crud = true)
class BackupCredentialsReconcileTest {

    private static final String ACCESS_KEY = "AKIA-TEST-ACCESS-0001";
    private static final String SECRET_KEY = "s3cr3t-Value-That-Must-Stay-In-Secrets";
    private static final RegionProperties REGION =
            TestRegions.region().backupStorage(TestBackupStorage.minio()).build();

    KubernetesClient client;

    @Test
    void theCredentialsAreCopiedIntoTheClusterNamespaceAndAppearInNoOtherObject() {
        storeCredentials(Map.of("access-key", ACCESS_KEY, "secret-key", SECRET_KEY, "unrelated", "other-secret"));
        UUID clusterId = UUID.randomUUID();

        ProvisioningReport report = reconcile(elasticsearch(clusterId));

        assertThat(report.resources())
                .contains(new AppliedResource("Secret", copyName(clusterId), ResourceChange.CREATED));
        Secret copy = copy(clusterId);
        assertThat(SecretEntries.read(copy, "access-key")).contains(ACCESS_KEY);
        assertThat(SecretEntries.read(copy, "secret-key")).contains(SECRET_KEY);
        assertThat(copy.getData())
                .as("only what the store needs is copied")
                .containsOnlyKeys("access-key", "secret-key");
        assertThat(client.apps()
                        .statefulSets()
                        .inNamespace(ResourceNames.namespace(clusterId))
                        .withName(ElasticsearchNames.STATEFUL_SET)
                        .get())
                .isNotNull();
        for (HasMetadata object : everythingButTheCopy(clusterId)) {
            String json = Serialization.asJson(object);
            assertThat(json)
                    .as(object.getKind() + " " + object.getMetadata().getName())
                    .doesNotContain(ACCESS_KEY)
                    .doesNotContain(SECRET_KEY)
                    .doesNotContain(SecretEntries.encode(SECRET_KEY));
        }
    }

    @Test
    void aRotatedCredentialIsCopiedAgainAndAnUnchangedOneIsLeftAlone() {
        storeCredentials(Map.of("access-key", ACCESS_KEY, "secret-key", SECRET_KEY));
        UUID clusterId = UUID.randomUUID();
        reconcile(qdrant(clusterId));

        assertThat(reconcile(qdrant(clusterId)).resources())
                .contains(new AppliedResource("Secret", copyName(clusterId), ResourceChange.UNCHANGED));

        storeCredentials(Map.of("access-key", ACCESS_KEY, "secret-key", "rotated-" + SECRET_KEY));
        assertThat(reconcile(qdrant(clusterId)).resources())
                .contains(new AppliedResource("Secret", copyName(clusterId), ResourceChange.UPDATED));
        assertThat(SecretEntries.read(copy(clusterId), "secret-key")).contains("rotated-" + SECRET_KEY);
    }

    @Test
    void aMissingSecretStopsTheReconcileBeforeAnyNodeAndIsRetried() {
        UUID clusterId = UUID.randomUUID();

        assertThatThrownBy(() -> reconcile(elasticsearch(clusterId)))
                .isInstanceOfSatisfying(InfrastructureException.class, e -> assertThat(e.isTransient())
                        .as("the region's operator creates it without a new command")
                        .isTrue())
                .hasMessage("Secret dbaas/backup-creds, named by the region's backup-storage, does not exist in the"
                        + " region's Kubernetes cluster; create it with the entries access-key, secret-key.");
        assertThat(client.apps()
                        .statefulSets()
                        .inNamespace(ResourceNames.namespace(clusterId))
                        .list()
                        .getItems())
                .isEmpty();
    }

    @Test
    void aSecretLackingAnEntryIsRefusedWithoutShowingWhatItHolds() {
        storeCredentials(Map.of("access-key", ACCESS_KEY, "secret-key", " "));
        UUID clusterId = UUID.randomUUID();

        assertThatThrownBy(() -> reconcile(elasticsearch(clusterId)))
                .isInstanceOf(InfrastructureException.class)
                .hasMessage("Secret dbaas/backup-creds, named by the region's backup-storage, cannot be used: it holds"
                        + " no secret-key entry.")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(ACCESS_KEY));
        assertThat(client.secrets()
                        .inNamespace(ResourceNames.namespace(clusterId))
                        .withName(ResourceNames.BACKUP_CREDENTIALS_SECRET)
                        .get())
                .isNull();
    }

    @Test
    void deletingTheClusterRemovesItsCopyAndLeavesTheRegionsSecret() {
        storeCredentials(Map.of("access-key", ACCESS_KEY, "secret-key", SECRET_KEY));
        UUID clusterId = UUID.randomUUID();
        reconcile(elasticsearch(clusterId));

        ClusterRemover.remove(
                new Appliers(client),
                ResourceNames.namespace(clusterId),
                Labels.of("elasticsearch", clusterId),
                new DeletionProperties(VolumePolicy.DELETE, Duration.ofSeconds(10)),
                false);

        assertThat(client.secrets()
                        .inNamespace(ResourceNames.namespace(clusterId))
                        .withName(ResourceNames.BACKUP_CREDENTIALS_SECRET)
                        .get())
                .isNull();
        assertThat(client.secrets()
                        .inNamespace(TestBackupStorage.SECRET_NAMESPACE)
                        .withName(TestBackupStorage.SECRET)
                        .get())
                .isNotNull();
    }

    @Test
    void aRegionThatDropsItsStorageLosesTheCopyOnceNoPodTemplateNeedsIt() {
        storeCredentials(Map.of("access-key", ACCESS_KEY, "secret-key", SECRET_KEY));
        UUID clusterId = UUID.randomUUID();
        reconcile(elasticsearch(clusterId));
        assertThat(copy(clusterId)).isNotNull();

        RegionProperties plain = TestRegions.region().build();
        reconcile(new ElasticsearchBlueprint(TestRegions.nebula("kubernetes", "home", plain))
                .render(
                        TestSpecs.copy(TestSpecs.elasticsearch(clusterId, 3))
                                .account(UUID.randomUUID())
                                .build(),
                        plain));

        assertThat(copy(clusterId))
                .as("no credential stays where nothing needs it")
                .isNull();
        assertThat(client.apps()
                        .statefulSets()
                        .inNamespace(ResourceNames.namespace(clusterId))
                        .withName(ElasticsearchNames.STATEFUL_SET)
                        .get()
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getInitContainers())
                .as("the keystore init container went with the storage")
                .isNullOrEmpty();
    }

    @Test
    void theCopyStaysWhileAPodTemplateStillRefersToIt() {
        storeCredentials(Map.of("access-key", ACCESS_KEY, "secret-key", SECRET_KEY));
        UUID clusterId = UUID.randomUUID();
        DesiredCluster withStorage = elasticsearch(clusterId);
        reconcile(withStorage);
        DesiredCluster without = new DesiredCluster(
                withStorage.namespace(),
                withStorage.masterKeySecret(),
                withStorage.masterKeyEntry(),
                withStorage.generatedSecrets(),
                List.of(),
                withStorage.configMaps(),
                withStorage.bootstrap(),
                withStorage.services(),
                withStorage.podDisruptionBudgets(),
                withStorage.networkPolicies(),
                withStorage.statefulSets(),
                withStorage.deployments(),
                withStorage.podMonitors());

        reconcile(without);

        assertThat(copy(clusterId)).as("the pods still mount it").isNotNull();
    }

    private void storeCredentials(Map<String, String> entries) {
        Map<String, String> data = new LinkedHashMap<>();
        entries.forEach((entry, value) -> data.put(entry, SecretEntries.encode(value)));
        Secret secret = new SecretBuilder()
                .withNewMetadata()
                .withNamespace(TestBackupStorage.SECRET_NAMESPACE)
                .withName(TestBackupStorage.SECRET)
                .endMetadata()
                .withData(data)
                .build();
        client.secrets()
                .inNamespace(TestBackupStorage.SECRET_NAMESPACE)
                .resource(secret)
                .createOr(it -> it.update());
    }

    private List<HasMetadata> everythingButTheCopy(UUID clusterId) {
        String namespace = ResourceNames.namespace(clusterId);
        List<HasMetadata> objects = new ArrayList<>();
        objects.add(client.namespaces().withName(namespace).get());
        objects.addAll(client.secrets().inNamespace(namespace).list().getItems().stream()
                .filter(secret -> !secret.getMetadata().getName().equals(ResourceNames.BACKUP_CREDENTIALS_SECRET))
                .toList());
        objects.addAll(client.configMaps().inNamespace(namespace).list().getItems());
        objects.addAll(client.services().inNamespace(namespace).list().getItems());
        objects.addAll(
                client.apps().statefulSets().inNamespace(namespace).list().getItems());
        objects.addAll(client.apps().deployments().inNamespace(namespace).list().getItems());
        objects.addAll(
                client.network().networkPolicies().inNamespace(namespace).list().getItems());
        objects.addAll(client.policy()
                .v1()
                .podDisruptionBudget()
                .inNamespace(namespace)
                .list()
                .getItems());
        assertThat(objects).hasSizeGreaterThan(8);
        return objects;
    }

    private Secret copy(UUID clusterId) {
        return client.secrets()
                .inNamespace(ResourceNames.namespace(clusterId))
                .withName(ResourceNames.BACKUP_CREDENTIALS_SECRET)
                .get();
    }

    private ProvisioningReport reconcile(DesiredCluster cluster) {
        return ClusterReconciler.reconcile(
                new Appliers(client),
                cluster,
                NebulaDatabase.vault()
                        .forCluster(UUID.fromString(cluster.namespaceName().substring("dbaas-".length()))));
    }

    private static DesiredCluster elasticsearch(UUID clusterId) {
        return new ElasticsearchBlueprint(TestRegions.nebula("kubernetes", "home", REGION))
                .render(
                        TestSpecs.copy(TestSpecs.elasticsearch(clusterId, 3))
                                .account(UUID.randomUUID())
                                .build(),
                        REGION);
    }

    private static DesiredCluster qdrant(UUID clusterId) {
        return new QdrantBlueprint(TestRegions.nebula("kubernetes", "home", REGION))
                .render(
                        TestSpecs.copy(TestSpecs.qdrant(clusterId))
                                .account(UUID.fromString("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"))
                                .build(),
                        REGION);
    }

    private static String copyName(UUID clusterId) {
        return ResourceNames.namespace(clusterId) + "/" + ResourceNames.BACKUP_CREDENTIALS_SECRET;
    }
}
