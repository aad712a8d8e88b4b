package io.dbaas.nebula.kubernetes.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.dbaas.nebula.config.RegionProperties;
import io.dbaas.nebula.config.TestRegions;
import io.dbaas.nebula.infrastructure.InfrastructureException;
import io.dbaas.nebula.infrastructure.ProvisioningReport;
import io.dbaas.nebula.infrastructure.ProvisioningReport.AppliedResource;
import io.dbaas.nebula.infrastructure.ResourceChange;
import io.dbaas.nebula.infrastructure.TestSpecs;
import io.dbaas.nebula.kubernetes.apply.Appliers;
import io.dbaas.nebula.kubernetes.blueprint.TestBlueprints;
import io.dbaas.nebula.kubernetes.model.ElasticsearchNames;
import io.dbaas.nebula.kubernetes.model.ResourceNames;
import io.dbaas.nebula.kubernetes.model.SecretEntries;
import io.dbaas.nebula.security.tls.Pem;
import io.dbaas.nebula.support.NebulaDatabase;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/**
 * Elasticsearch's blueprint reconciled against fabric8's CRUD mock API server: its password and TLS material are
 * generated once and survive every later pass.
 */
@EnableKubernetesMockClient(crud = true)
class ElasticsearchReconcilerTest {

    private static final RegionProperties REGION = TestRegions.region().build();

    KubernetesClient client;

    @Test
    void provisioningCreatesEveryObjectWithThePasswordAndTlsMaterialInTheirSecrets() throws Exception {
        UUID clusterId = UUID.randomUUID();

        ProvisioningReport report = reconcile(clusterId, 3);

        assertThat(report.resources())
                .extracting(AppliedResource::kind, AppliedResource::name)
                .containsExactly(
                        tuple("Namespace", ResourceNames.namespace(clusterId)),
                        secret(clusterId, ElasticsearchNames.ELASTIC_USER_SECRET),
                        secret(clusterId, ElasticsearchNames.CA_SECRET),
                        secret(clusterId, ElasticsearchNames.CERTIFICATES_SECRET),
                        object("ConfigMap", clusterId, ElasticsearchNames.CONFIG_MAP),
                        object("Service", clusterId, ElasticsearchNames.HEADLESS_SERVICE),
                        object("Service", clusterId, ElasticsearchNames.CLIENT_SERVICE),
                        object("PodDisruptionBudget", clusterId, ElasticsearchNames.POD_DISRUPTION_BUDGET),
                        object("NetworkPolicy", clusterId, ElasticsearchNames.NETWORK_POLICY),
                        object("StatefulSet", clusterId, ElasticsearchNames.STATEFUL_SET));
        assertThat(report.resources()).extracting(AppliedResource::change).containsOnly(ResourceChange.CREATED);
        assertThat(entry(clusterId, ElasticsearchNames.ELASTIC_USER_SECRET, ElasticsearchNames.ELASTIC_USER_ENTRY))
                .matches("[A-Za-z0-9]{32}");
        X509Certificate ca = Pem.certificate(
                entry(clusterId, ElasticsearchNames.CA_SECRET, ElasticsearchNames.CA_CERTIFICATE_ENTRY));
        Pem.certificate(entry(clusterId, ElasticsearchNames.CERTIFICATES_SECRET, ElasticsearchNames.CERTIFICATE_ENTRY))
                .verify(ca.getPublicKey());
        assertThat(entry(clusterId, ElasticsearchNames.CERTIFICATES_SECRET, ElasticsearchNames.CA_CERTIFICATE_ENTRY))
                .isEqualTo(entry(clusterId, ElasticsearchNames.CA_SECRET, ElasticsearchNames.CA_CERTIFICATE_ENTRY));
        assertThat(entry(clusterId, ElasticsearchNames.CERTIFICATES_SECRET, ElasticsearchNames.KEY_ENTRY))
                .startsWith("-----BEGIN PRIVATE KEY-----");
    }

    @Test
    void aSecondPassChangesNothingAndKeepsTheCaTheCertificatesAndThePassword() {
        UUID clusterId = UUID.randomUUID();
        reconcile(clusterId, 3);
        Map<String, String> ca = data(clusterId, ElasticsearchNames.CA_SECRET);
        Map<String, String> certificates = data(clusterId, ElasticsearchNames.CERTIFICATES_SECRET);
        Map<String, String> password = data(clusterId, ElasticsearchNames.ELASTIC_USER_SECRET);

        ProvisioningReport second = reconcile(clusterId, 3);

        assertThat(second.changedNothing()).isTrue();
        assertThat(data(clusterId, ElasticsearchNames.CA_SECRET)).isEqualTo(ca);
        assertThat(data(clusterId, ElasticsearchNames.CERTIFICATES_SECRET)).isEqualTo(certificates);
        assertThat(data(clusterId, ElasticsearchNames.ELASTIC_USER_SECRET)).isEqualTo(password);
        assertThat(client.secrets()
                        .inNamespace(ResourceNames.namespace(clusterId))
                        .list()
                        .getItems())
                .hasSize(3);
    }

    @Test
    void scalingOutKeepsEveryCredentialAndChangesOnlyTheBootstrapListAndTheStatefulSet() {
        UUID clusterId = UUID.randomUUID();
        reconcile(clusterId, 3);
        Map<String, String> certificates = data(clusterId, ElasticsearchNames.CERTIFICATES_SECRET);

        ProvisioningReport report = reconcile(clusterId, 5);

        assertThat(report.resources())
                .filteredOn(resource -> resource.change() != ResourceChange.UNCHANGED)
                .extracting(AppliedResource::kind)
                // The namespace keeps the desired specs, so it changes with them.
                .containsExactly("Namespace", "ConfigMap", "StatefulSet");
        assertThat(data(clusterId, ElasticsearchNames.CERTIFICATES_SECRET)).isEqualTo(certificates);
    }

    @Test
    void aDeletedCertificateSecretIsIssuedAgainFromTheSameCa() throws Exception {
        UUID clusterId = UUID.randomUUID();
        reconcile(clusterId, 3);
        Map<String, String> ca = data(clusterId, ElasticsearchNames.CA_SECRET);
        client.secrets()
                .inNamespace(ResourceNames.namespace(clusterId))
                .withName(ElasticsearchNames.CERTIFICATES_SECRET)
                .delete();

        ProvisioningReport report = reconcile(clusterId, 3);

        assertThat(report.resources())
                .filteredOn(resource -> resource.change() == ResourceChange.CREATED)
                .extracting(AppliedResource::name)
                .containsExactly(ResourceNames.namespace(clusterId) + "/" + ElasticsearchNames.CERTIFICATES_SECRET);
        assertThat(data(clusterId, ElasticsearchNames.CA_SECRET)).isEqualTo(ca);
        X509Certificate caCertificate = Pem.certificate(
                entry(clusterId, ElasticsearchNames.CA_SECRET, ElasticsearchNames.CA_CERTIFICATE_ENTRY));
        Pem.certificate(entry(clusterId, ElasticsearchNames.CERTIFICATES_SECRET, ElasticsearchNames.CERTIFICATE_ENTRY))
                .verify(caCertificate.getPublicKey());
    }

    @Test
    void aCaSecretWithoutItsKeyIsReportedNeverReplaced() {
        UUID clusterId = UUID.randomUUID();
        String namespace = ResourceNames.namespace(clusterId);
        client.resource(new SecretBuilder()
                        .withNewMetadata()
                        .withNamespace(namespace)
                        .withName(ElasticsearchNames.CA_SECRET)
                        .endMetadata()
                        .withData(Map.of(ElasticsearchNames.CA_CERTIFICATE_ENTRY, "eA=="))
                        .build())
                .create();

        assertThatThrownBy(() -> reconcile(clusterId, 3))
                .isInstanceOfSatisfying(InfrastructureException.class, e -> assertThat(e.isTransient())
                        .isFalse())
                .hasMessageContaining("elasticsearch-ca exists but holds no [ca.key] entry");
        assertThat(data(clusterId, ElasticsearchNames.CA_SECRET))
                .containsOnlyKeys(ElasticsearchNames.CA_CERTIFICATE_ENTRY);
        assertThat(client.secrets()
                        .inNamespace(namespace)
                        .withName(ElasticsearchNames.CERTIFICATES_SECRET)
                        .get())
                .isNull();
    }

    @Test
    void anUnreadableCaFailsTheCertificateWithAPlainReasonAndNoKeyMaterial() {
        UUID clusterId = UUID.randomUUID();
        String namespace = ResourceNames.namespace(clusterId);
        client.resource(new SecretBuilder()
                        .withNewMetadata()
                        .withNamespace(namespace)
                        .withName(ElasticsearchNames.CA_SECRET)
                        .endMetadata()
                        .withStringData(Map.of(
                                ElasticsearchNames.CA_CERTIFICATE_ENTRY, "not a certificate",
                                ElasticsearchNames.CA_KEY_ENTRY, "not a key"))
                        .build())
                .create();

        assertThatThrownBy(() -> reconcile(clusterId, 3))
                .isInstanceOfSatisfying(InfrastructureException.class, e -> assertThat(e.isTransient())
                        .isFalse())
                .hasMessageContaining("Secret " + namespace + "/elasticsearch-certs cannot be generated")
                .hasMessageContaining("the CA in Secret elasticsearch-ca is unreadable")
                .hasMessageNotContaining("not a key");
    }

    private ProvisioningReport reconcile(UUID clusterId, int nodes) {
        return ClusterReconciler.reconcile(
                new Appliers(client),
                TestBlueprints.elasticsearch().render(TestSpecs.elasticsearch(clusterId, nodes), REGION),
                NebulaDatabase.vault().forCluster(clusterId));
    }

    private Map<String, String> data(UUID clusterId, String secret) {
        return client.secrets()
                .inNamespace(ResourceNames.namespace(clusterId))
                .withName(secret)
                .get()
                .getData();
    }

    private String entry(UUID clusterId, String secret, String entry) {
        Secret found = client.secrets()
                .inNamespace(ResourceNames.namespace(clusterId))
                .withName(secret)
                .get();
        return SecretEntries.read(found, entry).orElseThrow();
    }

    private static Tuple secret(UUID clusterId, String name) {
        return object("Secret", clusterId, name);
    }

    private static Tuple object(String kind, UUID clusterId, String name) {
        return tuple(kind, ResourceNames.namespace(clusterId) + "/" + name);
    }
}
