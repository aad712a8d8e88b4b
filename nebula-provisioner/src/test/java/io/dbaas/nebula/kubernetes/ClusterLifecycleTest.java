package io.dbaas.nebula.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbaas.contracts.security.MasterKeyCipher;
import io.dbaas.nebula.config.DeletionProperties;
import io.dbaas.nebula.config.NebulaProperties;
import io.dbaas.nebula.config.ProviderProperties;
import io.dbaas.nebula.config.RegionProperties;
import io.dbaas.nebula.config.StatusProperties;
import io.dbaas.nebula.config.TestRegions;
import io.dbaas.nebula.config.TopicProperties;
import io.dbaas.nebula.config.VolumePolicy;
import io.dbaas.nebula.infrastructure.ChangeRefusedException;
import io.dbaas.nebula.infrastructure.ClusterRef;
import io.dbaas.nebula.infrastructure.DBClusterSpecs;
import io.dbaas.nebula.infrastructure.DeletionReport;
import io.dbaas.nebula.infrastructure.InfrastructureException;
import io.dbaas.nebula.infrastructure.ObservedCluster;
import io.dbaas.nebula.infrastructure.ProvisioningReport;
import io.dbaas.nebula.infrastructure.ResourceChange;
import io.dbaas.nebula.infrastructure.TestSpecs;
import io.dbaas.nebula.kubernetes.blueprint.EngineBlueprints;
import io.dbaas.nebula.kubernetes.blueprint.TestBlueprints;
import io.dbaas.nebula.kubernetes.metrics.CertificateExpiries;
import io.dbaas.nebula.kubernetes.metrics.ClusterStates;
import io.dbaas.nebula.kubernetes.metrics.Reconciles;
import io.dbaas.nebula.kubernetes.model.Labels;
import io.dbaas.nebula.kubernetes.model.MasterKeySecrets;
import io.dbaas.nebula.kubernetes.model.ResourceNames;
import io.dbaas.nebula.kubernetes.reconcile.MasterKeyMissingException;
import io.dbaas.nebula.kubernetes.region.RegionClients;
import io.dbaas.nebula.kubernetes.region.RegionConnection;
import io.dbaas.nebula.kubernetes.region.RegionFootprints;
import io.dbaas.nebula.region.RegionCatalog;
import io.dbaas.nebula.security.MasterKeyVault;
import io.dbaas.nebula.support.Kubelet;
import io.dbaas.nebula.support.MockKubernetesApi;
import io.dbaas.nebula.support.NebulaDatabase;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * The Kubernetes backend's whole lifecycle against fabric8's CRUD mock API server, reached by URL as a configured
 * region: provision, scale, resize, upgrade, refusals, out-of-band changes, delete. The test plays the StatefulSet
 * controller and the kubelet ({@link Kubelet}).
 */
@EnableKubernetesMockClient(crud = true, https = false)
class ClusterLifecycleTest {

    private static final String STORAGE_CLASS = "standard";

    KubernetesMockServer server;
    KubernetesClient client;

    private final List<RegionClients> opened = new ArrayList<>();

    @AfterEach
    void close() {
        opened.forEach(RegionClients::destroy);
    }

    @Test
    void deleteRemovesEveryObjectAndTheNamespaceAndLetsTheVolumesGo() {
        KubernetesInfrastructureClient backend = backend(VolumePolicy.DELETE);
        DBClusterSpecs specs = provisioned(backend, 3);
        String namespace = ResourceNames.namespace(specs.clusterId());
        new Kubelet(client).runAllReady(namespace, ResourceNames.QDRANT_STATEFUL_SET);
        bindVolumes(namespace, 3);

        DeletionReport report = backend.delete(ClusterRef.of(specs));

        assertThat(report.found()).isTrue();
        assertThat(report.retainedVolumes()).isEmpty();
        assertThat(client.namespaces().withName(namespace).get()).isNull();
        assertNothingLeftIn(namespace);
        assertThat(volumesOf(namespace))
                .extracting(volume -> volume.getSpec().getPersistentVolumeReclaimPolicy())
                .containsOnly("Delete");
    }

    @Test
    void deleteWithTheRetainPolicyKeepsEveryVolumeLabelledWithItsCluster() {
        KubernetesInfrastructureClient backend = backend(VolumePolicy.RETAIN);
        DBClusterSpecs specs = provisioned(backend, 3);
        String namespace = ResourceNames.namespace(specs.clusterId());
        bindVolumes(namespace, 3);

        DeletionReport report = backend.delete(ClusterRef.of(specs));

        assertThat(report.retainedVolumes()).hasSize(3);
        assertThat(client.namespaces().withName(namespace).get()).isNull();
        assertNothingLeftIn(namespace);
        assertThat(volumesOf(namespace)).hasSize(3).allSatisfy(volume -> {
            assertThat(volume.getSpec().getPersistentVolumeReclaimPolicy()).isEqualTo("Retain");
            assertThat(volume.getMetadata().getLabels())
                    .containsEntry(Labels.CLUSTER_ID, specs.clusterId().toString());
        });
    }

    @Test
    void deletingAClusterThatIsGoneSucceedsAndTouchesNothing() {
        KubernetesInfrastructureClient backend = backend(VolumePolicy.DELETE);
        DBClusterSpecs specs = provisioned(backend, 1);
        backend.delete(ClusterRef.of(specs));

        DeletionReport again = backend.delete(ClusterRef.of(specs));

        assertThat(again.found()).isFalse();
        assertThat(again.removed()).isEmpty();
    }

    @Test
    void scalingOutRaisesTheReplicasAndKeepsTheMasterKey() {
        KubernetesInfrastructureClient backend = backend(VolumePolicy.DELETE);
        DBClusterSpecs specs = provisioned(backend, 3);
        String key = masterKey(specs);

        ProvisioningReport report = backend.update(change(specs).nodes(5).build());

        assertThat(statefulSet(specs).getSpec().getReplicas()).isEqualTo(5);
        assertThat(report.resources())
                .filteredOn(resource -> resource.change() != ResourceChange.UNCHANGED)
                .extracting(resource -> resource.kind())
                .containsExactly("Namespace", "StatefulSet");
        assertThat(masterKey(specs)).isEqualTo(key);
    }

    @Test
    void aScaleInIsRefusedWithAReasonAndTheClusterIsUntouched() {
        KubernetesInfrastructureClient backend = backend(VolumePolicy.DELETE);
        DBClusterSpecs specs = provisioned(backend, 3);
        String before = statefulSet(specs).getMetadata().getResourceVersion();
        String namespaceBefore = namespaceVersion(specs);

        assertThatThrownBy(() -> backend.update(change(specs).nodes(2).build()))
                .isInstanceOf(ChangeRefusedException.class)
                .hasMessageContaining("The cluster has 3 nodes and keeps them")
                .hasMessageContaining("create a cluster of 2 nodes");

        assertThat(statefulSet(specs).getSpec().getReplicas()).isEqualTo(3);
        assertThat(statefulSet(specs).getMetadata().getResourceVersion()).isEqualTo(before);
        assertThat(namespaceVersion(specs)).isEqualTo(namespaceBefore);
    }

    @Test
    void aScaleToTheSameNumberOfNodesChangesOnlyTheRecordOfTheCommand() {
        KubernetesInfrastructureClient backend = backend(VolumePolicy.DELETE);
        DBClusterSpecs specs = provisioned(backend, 3);

        backend.update(change(specs).build());

        assertThat(statefulSet(specs).getSpec().getReplicas()).isEqualTo(3);
    }

    @Test
    void resizingSetsRequestsEqualToLimitsForEveryNode() {
        KubernetesInfrastructureClient backend = backend(VolumePolicy.DELETE);
        DBClusterSpecs specs = provisioned(backend, 3);

        backend.update(change(specs).cpu("2").memory("4Gi").build());

        var resources = container(specs).getResources();
        assertThat(resources.getRequests())
                .containsEntry("cpu", new Quantity("2"))
                .containsEntry("memory", new Quantity("4Gi"));
        assertThat(resources.getLimits()).isEqualTo(resources.getRequests());
    }

    @Test
    void growingTheDiskGrowsEveryExistingClaimAndTheTemplateForNewPods() {
        expandableStorageClass(true);
        KubernetesInfrastructureClient backend = backend(VolumePolicy.DELETE);
        DBClusterSpecs specs = provisioned(backend, 2);
        String namespace = ResourceNames.namespace(specs.clusterId());
        bindVolumes(namespace, 2);

        backend.update(change(specs).disk("20Gi").build());

        assertThat(client.persistentVolumeClaims().inNamespace(namespace).list().getItems())
                .hasSize(2)
                .allSatisfy(claim -> assertThat(
                                claim.getSpec().getResources().getRequests().get("storage"))
                        .isEqualTo(new Quantity("20Gi")));
        assertThat(statefulSet(specs)
                        .getSpec()
                        .getVolumeClaimTemplates()
                        .getFirst()
                        .getSpec()
                        .getResources()
                        .getRequests()
                        .get("storage"))
                .isEqualTo(new Quantity("20Gi"));
        assertThat(client.pods().inNamespace(namespace).list().getItems())
                .as("the StatefulSet is recreated without its pods")
                .hasSize(2);
    }

    @Test
    void growingTheDiskOnAStorageClassThatCannotExpandIsRefused() {
        expandableStorageClass(false);
        KubernetesInfrastructureClient backend = backend(VolumePolicy.DELETE);
        DBClusterSpecs specs = provisioned(backend, 1);

        assertThatThrownBy(() -> backend.update(change(specs).disk("20Gi").build()))
                .isInstanceOf(ChangeRefusedException.class)
                .hasMessage("The disk of each node cannot grow from 10Gi to 20Gi: storage class 'standard' does not"
                        + " allow volume expansion. The cluster is unchanged.");
    }

    @Test
    void shrinkingTheDiskIsRefused() {
        KubernetesInfrastructureClient backend = backend(VolumePolicy.DELETE);
        DBClusterSpecs specs = provisioned(backend, 1);

        assertThatThrownBy(() -> backend.update(change(specs).disk("5Gi").build()))
                .isInstanceOf(ChangeRefusedException.class)
                .hasMessageStartingWith("Volumes cannot shrink");
    }

    @Test
    void anUpgradeChangesTheImageOfTheTemplateAndADowngradeIsRefused() {
        KubernetesInfrastructureClient backend = backend(VolumePolicy.DELETE);
        DBClusterSpecs specs = provisioned(backend, 3);

        backend.update(change(specs).version("1.14.0").build());

        assertThat(container(specs).getImage()).isEqualTo("docker.io/qdrant/qdrant:v1.14.0");
        assertThat(statefulSet(specs).getSpec().getUpdateStrategy().getType()).isEqualTo("RollingUpdate");
        assertThatThrownBy(() -> backend.update(change(specs).version("1.13.4").build()))
                .isInstanceOf(ChangeRefusedException.class)
                .hasMessageContaining("The cluster runs qdrant 1.14.0; going back to 1.13.4 is a downgrade");
        assertThat(container(specs).getImage()).isEqualTo("docker.io/qdrant/qdrant:v1.14.0");
    }

    @Test
    void changingAClusterThatDoesNotExistIsRefused() {
        KubernetesInfrastructureClient backend = backend(VolumePolicy.DELETE);
        DBClusterSpecs specs = TestSpecs.qdrant(UUID.randomUUID());

        assertThatThrownBy(() -> backend.update(change(specs).nodes(5).build()))
                .isInstanceOf(ChangeRefusedException.class)
                .hasMessageContaining("has no nodes in minikube/local");
        assertThat(client.namespaces()
                        .withName(ResourceNames.namespace(specs.clusterId()))
                        .get())
                .isNull();
    }

    @Test
    void restoringRecreatesObjectsDeletedByHandAndUndoesAHandEditedStatefulSet() {
        KubernetesInfrastructureClient backend = backend(VolumePolicy.DELETE);
        DBClusterSpecs specs = provisioned(backend, 3);
        String namespace = ResourceNames.namespace(specs.clusterId());
        client.services()
                .inNamespace(namespace)
                .withName(ResourceNames.QDRANT_CLIENT_SERVICE)
                .delete();
        client.policy()
                .v1()
                .podDisruptionBudget()
                .inNamespace(namespace)
                .withName(ResourceNames.QDRANT_POD_DISRUPTION_BUDGET)
                .delete();
        client.network()
                .v1()
                .networkPolicies()
                .inNamespace(namespace)
                .withName(ResourceNames.QDRANT_NETWORK_POLICY)
                .delete();
        client.apps()
                .statefulSets()
                .inNamespace(namespace)
                .withName(ResourceNames.QDRANT_STATEFUL_SET)
                .edit(live -> {
                    live.getSpec().setReplicas(1);
                    live.getSpec()
                            .getTemplate()
                            .getSpec()
                            .getContainers()
                            .getFirst()
                            .setImage("docker.io/qdrant/qdrant:v0.0.1");
                    return live;
                });

        ProvisioningReport report = backend.restore(connection(), specs);

        assertThat(report.resources())
                .filteredOn(resource -> resource.change() != ResourceChange.UNCHANGED)
                .extracting(resource -> resource.kind() + ":" + resource.change())
                .containsExactly(
                        "Service:CREATED",
                        "PodDisruptionBudget:CREATED",
                        "NetworkPolicy:CREATED",
                        "StatefulSet:UPDATED");
        assertThat(statefulSet(specs).getSpec().getReplicas()).isEqualTo(3);
        assertThat(container(specs).getImage()).isEqualTo("docker.io/qdrant/qdrant:v1.13.4");
        assertThat(backend.restore(connection(), specs).changedNothing()).isTrue();
    }

    @Test
    void aNamespaceThatIsNotGoneInTimeFailsTheDeletionPermanentlySayingWhatIsStillThere() {
        KubernetesInfrastructureClient backend =
                backend(VolumePolicy.DELETE, Duration.ofMillis(500), NebulaDatabase.vault());
        DBClusterSpecs specs = provisioned(backend, 1);
        String namespace = ResourceNames.namespace(specs.clusterId());
        client.namespaces().withName(namespace).edit(held -> {
            held.getMetadata().setFinalizers(List.of("example.com/backup"));
            return held;
        });

        assertThatThrownBy(() -> backend.delete(ClusterRef.of(specs)))
                .isInstanceOfSatisfying(InfrastructureException.class, failure -> {
                    assertThat(failure.isTransient()).isFalse();
                    assertThat(failure.reason())
                            .contains("did not finish deleting Namespace " + namespace + " in the time Nebula waits")
                            .doesNotContain("unreachable");
                });
    }

    @Test
    void aMasterKeySealedUnderAnotherKeyEncryptionKeyIsAPermanentFailureWithAPlainReason() {
        DBClusterSpecs specs = provisioned(backend(VolumePolicy.DELETE), 1);
        MasterKeyVault otherKek = new MasterKeyVault(
                NebulaDatabase.jdbc(),
                MasterKeyCipher.fromBase64(
                        Base64.getEncoder().encodeToString("another-installations-kek-32-by!".getBytes())));
        KubernetesInfrastructureClient backend = backend(VolumePolicy.DELETE, Duration.ofSeconds(10), otherKek);

        assertThatThrownBy(() -> backend.update(change(specs).nodes(2).build()))
                .isInstanceOfSatisfying(InfrastructureException.class, failure -> {
                    assertThat(failure.isTransient()).isFalse();
                    assertThat(failure.reason())
                            .startsWith("Nebula's sealed copy of the cluster's master key does not open with the"
                                    + " configured key-encryption key");
                });
        assertThatThrownBy(() -> backend.restore(connection(), specs)).isInstanceOf(InfrastructureException.class);
        assertThat(statefulSet(specs).getSpec().getReplicas()).isEqualTo(1);
    }

    @Test
    void withNebulasDatabaseDownProvisioningIsNotAnInfrastructureVerdictAndSucceedsOnceItIsBack() {
        var unreachable = new SimpleDriverDataSource(
                new org.postgresql.Driver(),
                "jdbc:postgresql://127.0.0.1:" + MockKubernetesApi.closedPort() + "/postgres",
                "postgres",
                "");
        MasterKeyVault down = new MasterKeyVault(
                JdbcClient.create(unreachable), MasterKeyCipher.fromBase64(NebulaDatabase.KEY_ENCRYPTION_KEY));
        DBClusterSpecs specs = TestSpecs.qdrant(UUID.randomUUID(), 1);

        // Not an InfrastructureException, so the command handler publishes no ClusterFailed and the listener retries.
        assertThatThrownBy(() -> backend(VolumePolicy.DELETE, Duration.ofSeconds(10), down)
                        .provision(specs))
                .isInstanceOf(DataAccessException.class)
                .isNotInstanceOf(InfrastructureException.class);
        assertThat(masterKeySecret(specs).get()).isNull();

        backend(VolumePolicy.DELETE).provision(specs);

        assertThat(masterKey(specs))
                .isEqualTo(NebulaDatabase.vault().find(specs.clusterId()).orElseThrow());
    }

    @Test
    void aDeletedMasterKeySecretIsRestoredWithTheSameKeyFromTheVault() {
        KubernetesInfrastructureClient backend = backend(VolumePolicy.DELETE);
        DBClusterSpecs specs = provisioned(backend, 3);
        String key = masterKey(specs);
        masterKeySecret(specs).delete();

        backend.restore(connection(), specs);

        assertThat(masterKey(specs)).isEqualTo(key);
    }

    @Test
    void aDeletedMasterKeyWithoutAStoredCopyIsNeverRegenerated() {
        KubernetesInfrastructureClient backend = backend(VolumePolicy.DELETE);
        DBClusterSpecs specs = provisioned(backend, 3);
        NebulaDatabase.vault().forget(specs.clusterId());
        masterKeySecret(specs).delete();

        assertThatThrownBy(() -> backend.restore(connection(), specs))
                .isInstanceOf(MasterKeyMissingException.class)
                .hasMessageContaining("Nebula never generates a second master key");
        assertThatThrownBy(() -> backend.provision(specs)).isInstanceOf(MasterKeyMissingException.class);
        assertThat(masterKeySecret(specs).get()).isNull();
    }

    @Test
    void aRestartMidProvisioningCompletesTheClusterWithTheKeyGeneratedBefore() {
        DBClusterSpecs specs = TestSpecs.qdrant(UUID.randomUUID());
        String namespace = ResourceNames.namespace(specs.clusterId());
        // The first Nebula got as far as the namespace and the master key, then stopped.
        backend(VolumePolicy.DELETE).provision(specs);
        client.apps()
                .statefulSets()
                .inNamespace(namespace)
                .withName(ResourceNames.QDRANT_STATEFUL_SET)
                .delete();
        client.services().inNamespace(namespace).delete();
        String key = masterKey(specs);

        KubernetesInfrastructureClient restarted = backend(VolumePolicy.DELETE);
        restarted.provision(specs);

        assertThat(statefulSet(specs)).isNotNull();
        assertThat(client.services().inNamespace(namespace).list().getItems()).hasSize(3);
        assertThat(masterKey(specs)).isEqualTo(key);
    }

    @Test
    void observingReportsNodesVersionsAndPodProblems() {
        KubernetesInfrastructureClient backend = backend(VolumePolicy.DELETE);
        DBClusterSpecs specs = provisioned(backend, 2);
        String namespace = ResourceNames.namespace(specs.clusterId());
        Kubelet kubelet = new Kubelet(client);
        kubelet.runAllReady(namespace, ResourceNames.QDRANT_STATEFUL_SET);
        kubelet.setStatus(namespace, ResourceNames.QDRANT_STATEFUL_SET, 2, 1);
        kubelet.crashLoop(namespace, "qdrant-1", 4);

        ObservedCluster observed = backend.observe(ClusterRef.of(specs)).orElseThrow();

        assertThat(observed.nodes()).isEqualTo(2);
        assertThat(observed.nodesReady()).isEqualTo(1);
        assertThat(observed.version()).isEqualTo("1.13.4");
        assertThat(observed.runningVersions()).containsExactly("1.13.4");
        assertThat(observed.problems())
                .containsExactly(
                        "Pod qdrant-1, container qdrant: CrashLoopBackOff (restarted 4 times, last exit: OOMKilled)");
        assertThat(backend.observe(ClusterRef.of(TestSpecs.qdrant(UUID.randomUUID()))))
                .isEmpty();
    }

    private DBClusterSpecs provisioned(KubernetesInfrastructureClient backend, int nodes) {
        DBClusterSpecs specs = TestSpecs.qdrant(UUID.randomUUID(), nodes);
        backend.provision(specs);
        return specs;
    }

    private static TestSpecs.Copy change(DBClusterSpecs specs) {
        return TestSpecs.copy(specs).asUpdate(UUID.randomUUID());
    }

    private KubernetesInfrastructureClient backend(VolumePolicy policy) {
        return backend(policy, Duration.ofSeconds(10), NebulaDatabase.vault());
    }

    private KubernetesInfrastructureClient backend(
            VolumePolicy policy, Duration deletionTimeout, MasterKeyVault vault) {
        RegionProperties region = TestRegions.region()
                .apiUrl(client.getMasterUrl().toString())
                .storageClass(STORAGE_CLASS)
                .build();
        NebulaProperties properties = new NebulaProperties(
                Map.of("minikube", new ProviderProperties(Map.of("local", region))),
                new TopicProperties(6, (short) 1),
                TestRegions.RETRY,
                null,
                new DeletionProperties(policy, deletionTimeout),
                StatusProperties.DEFAULT,
                null);
        RegionClients clients = new RegionClients(event -> {});
        opened.add(clients);
        this.catalog = new RegionCatalog(properties);
        this.clients = clients;
        return new KubernetesInfrastructureClient(
                catalog,
                clients,
                new EngineBlueprints(TestBlueprints.all()),
                properties,
                new ClusterLocks(),
                vault,
                new RegionFootprints(NebulaDatabase.jdbc()),
                new Reconciles(catalog, meters),
                new ClusterStates(meters),
                new CertificateExpiries(catalog, meters));
    }

    private RegionCatalog catalog;
    private RegionClients clients;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private RegionConnection connection() {
        return clients.connect(catalog.find(new io.dbaas.nebula.region.RegionId("minikube", "local"))
                .orElseThrow());
    }

    private void expandableStorageClass(boolean allowExpansion) {
        client.storage().v1().storageClasses().withName(STORAGE_CLASS).delete();
        client.resource(new StorageClassBuilder()
                        .withNewMetadata()
                        .withName(STORAGE_CLASS)
                        .endMetadata()
                        .withProvisioner("kubernetes.io/no-provisioner")
                        .withAllowVolumeExpansion(allowExpansion)
                        .build())
                .create();
    }

    private void bindVolumes(String namespace, int count) {
        StatefulSet statefulSet = client.apps()
                .statefulSets()
                .inNamespace(namespace)
                .withName(ResourceNames.QDRANT_STATEFUL_SET)
                .get();
        Kubelet kubelet = new Kubelet(client);
        for (int ordinal = 0; ordinal < count; ordinal++) {
            kubelet.runPod(statefulSet, ordinal, Kubelet.ready());
            kubelet.bindVolume(statefulSet, ordinal);
        }
    }

    private List<PersistentVolume> volumesOf(String namespace) {
        return client.persistentVolumes().list().getItems().stream()
                .filter(volume -> volume.getMetadata().getName().startsWith("pv-" + namespace + "-"))
                .toList();
    }

    private void assertNothingLeftIn(String namespace) {
        assertThat(client.apps().statefulSets().inNamespace(namespace).list().getItems())
                .isEmpty();
        assertThat(client.pods().inNamespace(namespace).list().getItems()).isEmpty();
        assertThat(client.services().inNamespace(namespace).list().getItems()).isEmpty();
        assertThat(client.configMaps().inNamespace(namespace).list().getItems()).isEmpty();
        assertThat(client.secrets().inNamespace(namespace).list().getItems()).isEmpty();
        assertThat(client.policy()
                        .v1()
                        .podDisruptionBudget()
                        .inNamespace(namespace)
                        .list()
                        .getItems())
                .isEmpty();
        assertThat(client.network()
                        .v1()
                        .networkPolicies()
                        .inNamespace(namespace)
                        .list()
                        .getItems())
                .isEmpty();
        assertThat(client.persistentVolumeClaims().inNamespace(namespace).list().getItems())
                .isEmpty();
    }

    private StatefulSet statefulSet(DBClusterSpecs specs) {
        return client.apps()
                .statefulSets()
                .inNamespace(ResourceNames.namespace(specs.clusterId()))
                .withName(ResourceNames.QDRANT_STATEFUL_SET)
                .get();
    }

    private String namespaceVersion(DBClusterSpecs specs) {
        return client.namespaces()
                .withName(ResourceNames.namespace(specs.clusterId()))
                .get()
                .getMetadata()
                .getResourceVersion();
    }

    /** The Qdrant container of the StatefulSet's pod template. */
    private Container container(DBClusterSpecs specs) {
        return statefulSet(specs)
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .getFirst();
    }

    private String masterKey(DBClusterSpecs specs) {
        return MasterKeySecrets.masterKey(masterKeySecret(specs).get()).orElseThrow();
    }

    private Resource<Secret> masterKeySecret(DBClusterSpecs specs) {
        return client.secrets()
                .inNamespace(ResourceNames.namespace(specs.clusterId()))
                .withName(ResourceNames.QDRANT_MASTER_KEY_SECRET);
    }
}
