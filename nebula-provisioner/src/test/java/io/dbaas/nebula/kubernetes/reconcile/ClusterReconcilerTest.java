package io.dbaas.nebula.kubernetes.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbaas.nebula.config.GatekeeperPeers;
import io.dbaas.nebula.config.RegionProperties;
import io.dbaas.nebula.config.TestRegions;
import io.dbaas.nebula.infrastructure.InfrastructureException;
import io.dbaas.nebula.infrastructure.ProvisioningReport;
import io.dbaas.nebula.infrastructure.ProvisioningReport.AppliedResource;
import io.dbaas.nebula.infrastructure.ResourceChange;
import io.dbaas.nebula.infrastructure.TestSpecs;
import io.dbaas.nebula.kubernetes.apply.Appliers;
import io.dbaas.nebula.kubernetes.blueprint.TestBlueprints;
import io.dbaas.nebula.kubernetes.model.MasterKeySecrets;
import io.dbaas.nebula.kubernetes.model.QdrantCluster;
import io.dbaas.nebula.kubernetes.model.ResourceNames;
import io.dbaas.nebula.security.MasterKeyVault;
import io.dbaas.nebula.support.NebulaDatabase;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Qdrant's blueprint reconciled against fabric8's CRUD mock API server: what the reconciler leaves behind, and what it never touches again. */
@EnableKubernetesMockClient(crud = true)
class ClusterReconcilerTest {

    private static final RegionProperties REGION = TestRegions.region().build();
    private static final MasterKeyVault VAULT = NebulaDatabase.vault();

    KubernetesClient client;

    @Test
    void provisioningCreatesEveryObject() {
        UUID clusterId = UUID.randomUUID();
        String namespace = ResourceNames.namespace(clusterId);

        ProvisioningReport report = reconcile(clusterId, 3);

        assertThat(report.resources())
                .extracting(AppliedResource::kind)
                .containsExactly(
                        "Namespace",
                        "Secret",
                        "Secret",
                        "Secret",
                        "ConfigMap",
                        "Service",
                        "Service",
                        "Service",
                        "PodDisruptionBudget",
                        "NetworkPolicy",
                        "StatefulSet");
        assertThat(report.resources()).extracting(AppliedResource::change).containsOnly(ResourceChange.CREATED);
        assertThat(client.namespaces().withName(namespace).get()).isNotNull();
        assertThat(masterKey(clusterId)).hasSize(32).matches("[A-Za-z0-9]{32}");
        assertThat(client.configMaps()
                        .inNamespace(namespace)
                        .withName(ResourceNames.QDRANT_CONFIG_MAP)
                        .get())
                .isNotNull();
        assertThat(client.services().inNamespace(namespace).list().getItems())
                .extracting(service -> service.getMetadata().getName())
                .containsExactlyInAnyOrder(
                        ResourceNames.QDRANT_HEADLESS_SERVICE,
                        ResourceNames.QDRANT_READY_SERVICE,
                        ResourceNames.QDRANT_CLIENT_SERVICE);
        assertThat(client.policy()
                        .v1()
                        .podDisruptionBudget()
                        .inNamespace(namespace)
                        .withName(ResourceNames.QDRANT_POD_DISRUPTION_BUDGET)
                        .get())
                .isNotNull();
        assertThat(client.network()
                        .v1()
                        .networkPolicies()
                        .inNamespace(namespace)
                        .withName(ResourceNames.QDRANT_NETWORK_POLICY)
                        .get())
                .isNotNull();
        assertThat(client.apps()
                        .statefulSets()
                        .inNamespace(namespace)
                        .withName(ResourceNames.QDRANT_STATEFUL_SET)
                        .get()
                        .getSpec()
                        .getReplicas())
                .isEqualTo(3);
    }

    @Test
    void provisioningTheSameSpecsTwiceChangesNothingAndKeepsTheMasterKey() {
        UUID clusterId = UUID.randomUUID();
        String namespace = ResourceNames.namespace(clusterId);
        reconcile(clusterId, 3);
        String firstKey = masterKey(clusterId);

        ProvisioningReport second = reconcile(clusterId, 3);

        assertThat(second.changedNothing()).isTrue();
        assertThat(masterKey(clusterId)).isEqualTo(firstKey);
        assertThat(client.secrets().inNamespace(namespace).list().getItems()).hasSize(3);
        assertThat(client.configMaps().inNamespace(namespace).list().getItems()).hasSize(1);
        assertThat(client.services().inNamespace(namespace).list().getItems()).hasSize(3);
        assertThat(client.apps().statefulSets().inNamespace(namespace).list().getItems())
                .hasSize(1);
        assertThat(client.namespaces().list().getItems())
                .filteredOn(ns -> ns.getMetadata().getName().equals(namespace))
                .hasSize(1);
    }

    @Test
    void anExistingMasterKeyIsReusedNeverRegenerated() {
        UUID clusterId = UUID.randomUUID();
        String namespace = ResourceNames.namespace(clusterId);
        client.namespaces()
                .resource(QdrantCluster.fromSpecs(TestSpecs.qdrant(clusterId), REGION, GatekeeperPeers.DEFAULT)
                        .generateNamespace())
                .create();
        client.resource(secret(namespace, "PreExistingKey0123456789abcdefgh")).create();

        ProvisioningReport report = reconcile(clusterId, 3);

        assertThat(report.resources())
                .filteredOn(resource -> resource.name().endsWith("/" + ResourceNames.QDRANT_MASTER_KEY_SECRET))
                .extracting(AppliedResource::change)
                .containsExactly(ResourceChange.UNCHANGED);
        assertThat(masterKey(clusterId)).isEqualTo("PreExistingKey0123456789abcdefgh");
        assertThat(VAULT.find(clusterId))
                .as("the key of a Secret that predates the vault is kept")
                .contains("PreExistingKey0123456789abcdefgh");
    }

    @Test
    void theMasterKeyIsStoredSealedBeforeTheSecretHoldsIt() {
        UUID clusterId = UUID.randomUUID();

        reconcile(clusterId, 3);

        String key = masterKey(clusterId);
        assertThat(VAULT.find(clusterId)).contains(key);
        String stored = NebulaDatabase.jdbc()
                .sql("select sealed_key from sealed_master_keys where cluster_id = :cluster")
                .param("cluster", clusterId)
                .query(String.class)
                .single();
        assertThat(stored).startsWith("v1.").doesNotContain(key);
    }

    @Test
    void aLostMasterKeySecretIsRestoredWithTheSameKey() {
        UUID clusterId = UUID.randomUUID();
        reconcile(clusterId, 3);
        String key = masterKey(clusterId);
        client.secrets()
                .inNamespace(ResourceNames.namespace(clusterId))
                .withName(ResourceNames.QDRANT_MASTER_KEY_SECRET)
                .delete();

        ProvisioningReport report = reconcile(clusterId, 3);

        assertThat(report.resources())
                .filteredOn(resource -> resource.kind().equals("Secret"))
                .extracting(AppliedResource::change)
                .containsExactly(ResourceChange.CREATED, ResourceChange.UNCHANGED, ResourceChange.UNCHANGED);
        assertThat(masterKey(clusterId)).isEqualTo(key);
    }

    @Test
    void aChangedClaimUpdatesOnlyWhatItRendersDifferently() {
        UUID clusterId = UUID.randomUUID();
        reconcile(clusterId, 3);
        String key = masterKey(clusterId);

        ProvisioningReport report = reconcile(clusterId, 5);

        assertThat(report.resources())
                .filteredOn(resource -> resource.change() != ResourceChange.UNCHANGED)
                .extracting(AppliedResource::kind)
                // The namespace keeps the desired specs, so it changes with them.
                .containsExactly("Namespace", "StatefulSet");
        assertThat(client.apps()
                        .statefulSets()
                        .inNamespace(ResourceNames.namespace(clusterId))
                        .withName(ResourceNames.QDRANT_STATEFUL_SET)
                        .get()
                        .getSpec()
                        .getReplicas())
                .isEqualTo(5);
        assertThat(masterKey(clusterId)).isEqualTo(key);
    }

    @Test
    void aSecretWithoutAKeyIsReportedNotReplaced() {
        UUID clusterId = UUID.randomUUID();
        String namespace = ResourceNames.namespace(clusterId);
        client.resource(new SecretBuilder()
                        .withNewMetadata()
                        .withNamespace(namespace)
                        .withName(ResourceNames.QDRANT_MASTER_KEY_SECRET)
                        .endMetadata()
                        .withData(Map.of("something-else", "eA=="))
                        .build())
                .create();

        assertThatThrownBy(() -> reconcile(clusterId, 3))
                .isInstanceOfSatisfying(InfrastructureException.class, e -> assertThat(e.isTransient())
                        .isFalse())
                .hasMessageContaining("holds no 'api-key' entry");
        assertThat(client.secrets()
                        .inNamespace(namespace)
                        .withName(ResourceNames.QDRANT_MASTER_KEY_SECRET)
                        .get()
                        .getData())
                .containsOnlyKeys("something-else");
    }

    private ProvisioningReport reconcile(UUID clusterId, int nodes) {
        return ClusterReconciler.reconcile(
                new Appliers(client),
                TestBlueprints.qdrant().render(TestSpecs.qdrant(clusterId, nodes), REGION),
                VAULT.forCluster(clusterId));
    }

    private String masterKey(UUID clusterId) {
        Secret secret = client.secrets()
                .inNamespace(ResourceNames.namespace(clusterId))
                .withName(ResourceNames.QDRANT_MASTER_KEY_SECRET)
                .get();
        return MasterKeySecrets.masterKey(secret).orElseThrow();
    }

    private static Secret secret(String namespace, String key) {
        return new SecretBuilder()
                .withNewMetadata()
                .withNamespace(namespace)
                .withName(ResourceNames.QDRANT_MASTER_KEY_SECRET)
                .endMetadata()
                .withData(Map.of(
                        ResourceNames.MASTER_KEY_ENTRY,
                        Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.UTF_8))))
                .build();
    }
}
