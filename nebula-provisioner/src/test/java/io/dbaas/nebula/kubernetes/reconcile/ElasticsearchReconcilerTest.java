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
import io.dbaas.nebula.kubernetes.blueprint.ElasticsearchBlueprint;
import io.dbaas.nebula.kubernetes.model.ElasticsearchNames;
import io.dbaas.nebula.kubernetes.model.ResourceNames;
import io.dbaas.nebula.kubernetes.model.SecretEntries;
import io.dbaas.nebula.security.tls.CertificateAuthority;
import io.dbaas.nebula.security.tls.Pem;
import io.dbaas.nebula.security.tls.SubjectAlternativeNames;
import io.dbaas.nebula.support.NebulaDatabase;
import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.LoadBalancerIngressBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.groups.Tuple;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.Test;

/**
 * Elasticsearch's blueprint reconciled against fabric8's CRUD mock API server: its password, file-realm users and CA
 * are generated once and survive every later pass; its node certificate is renewed when due and names every address
 * clients use; its bootstrap list exists only until the cluster has formed.
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
                        secret(clusterId, ElasticsearchNames.INTERNAL_USERS_SECRET),
                        object("ConfigMap", clusterId, ElasticsearchNames.CONFIG_MAP),
                        object("ConfigMap", clusterId, ElasticsearchNames.BOOTSTRAP_CONFIG_MAP),
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
        assertThat(bootstrapList(clusterId)).isEqualTo("elasticsearch-0,elasticsearch-1,elasticsearch-2");
    }

    @Test
    void theNodesKnowTheMasterKeyOnlyAsABcryptHashAndTheirOwnUserHasAPasswordOfItsOwn() {
        UUID clusterId = UUID.randomUUID();
        reconcile(clusterId, 3);
        String masterKey =
                entry(clusterId, ElasticsearchNames.ELASTIC_USER_SECRET, ElasticsearchNames.ELASTIC_USER_ENTRY);
        String nodePassword =
                entry(clusterId, ElasticsearchNames.INTERNAL_USERS_SECRET, ElasticsearchNames.NODE_PASSWORD_ENTRY);
        Map<String, String> users = new LinkedHashMap<>();
        entry(clusterId, ElasticsearchNames.INTERNAL_USERS_SECRET, ElasticsearchNames.USERS_ENTRY)
                .lines()
                .forEach(
                        line -> users.put(line.substring(0, line.indexOf(':')), line.substring(line.indexOf(':') + 1)));

        assertThat(users).containsOnlyKeys("elastic", "dbaas-node");
        assertThat(users.get("elastic")).startsWith("$2a$10$").doesNotContain(masterKey);
        assertThat(OpenBSDBCrypt.checkPassword(users.get("elastic"), masterKey.toCharArray()))
                .isTrue();
        assertThat(OpenBSDBCrypt.checkPassword(users.get("dbaas-node"), nodePassword.toCharArray()))
                .isTrue();
        assertThat(nodePassword).matches("[A-Za-z0-9]{32}").isNotEqualTo(masterKey);
        assertThat(entry(clusterId, ElasticsearchNames.INTERNAL_USERS_SECRET, ElasticsearchNames.USERS_ROLES_ENTRY))
                .isEqualTo("superuser:elastic\ndbaas_node:dbaas-node\n");
    }

    @Test
    void theBootstrapListIsEmptiedOnceANodeHasBeenReadyAndNeverFilledAgain() {
        UUID clusterId = UUID.randomUUID();
        reconcile(clusterId, 3);
        reconcile(clusterId, 3);
        assertThat(bootstrapList(clusterId)).as("no node ready yet").isNotEmpty();

        readyReplicas(clusterId, 1);
        reconcile(clusterId, 3);
        assertThat(bootstrapList(clusterId)).isEmpty();

        // Every node down, a scale-out, the ConfigMap deleted by hand: the cluster exists, no list comes back.
        readyReplicas(clusterId, 0);
        reconcile(clusterId, 5);
        assertThat(bootstrapList(clusterId)).isEmpty();
        client.configMaps()
                .inNamespace(ResourceNames.namespace(clusterId))
                .withName(ElasticsearchNames.BOOTSTRAP_CONFIG_MAP)
                .delete();
        reconcile(clusterId, 5);
        assertThat(bootstrapList(clusterId)).isEmpty();
    }

    @Test
    void theNodeCertificateIsReissuedFromTheSameCaWhenALoadBalancerAddressAppearsOrChanges() throws Exception {
        UUID clusterId = UUID.randomUUID();
        reconcile(clusterId, 3);
        Map<String, String> ca = data(clusterId, ElasticsearchNames.CA_SECRET);
        Map<String, String> users = data(clusterId, ElasticsearchNames.INTERNAL_USERS_SECRET);

        loadBalancer(
                clusterId,
                new LoadBalancerIngressBuilder().withIp("203.0.113.7").build());
        ProvisioningReport report = reconcile(clusterId, 3);

        assertThat(report.resources())
                .filteredOn(resource -> resource.change() != ResourceChange.UNCHANGED)
                .extracting(AppliedResource::name)
                .containsExactly(ResourceNames.namespace(clusterId) + "/" + ElasticsearchNames.CERTIFICATES_SECRET);
        assertThat(names(clusterId).ipAddresses()).contains("203.0.113.7");
        assertThat(data(clusterId, ElasticsearchNames.CA_SECRET)).isEqualTo(ca);
        assertThat(data(clusterId, ElasticsearchNames.INTERNAL_USERS_SECRET)).isEqualTo(users);
        assertThat(reconcile(clusterId, 3).changedNothing()).isTrue();

        loadBalancer(
                clusterId,
                new LoadBalancerIngressBuilder()
                        .withHostname("es.lb.example.com")
                        .build());
        reconcile(clusterId, 3);
        assertThat(names(clusterId).ipAddresses()).doesNotContain("203.0.113.7");
        assertThat(names(clusterId).dnsNames()).contains("es.lb.example.com");
        Pem.certificate(entry(clusterId, ElasticsearchNames.CERTIFICATES_SECRET, ElasticsearchNames.CERTIFICATE_ENTRY))
                .verify(Pem.certificate(
                                entry(clusterId, ElasticsearchNames.CA_SECRET, ElasticsearchNames.CA_CERTIFICATE_ENTRY))
                        .getPublicKey());
    }

    @Test
    void theNodeCertificateIsRenewedInTheLastThirdOfItsValidityAndNotBefore() {
        UUID clusterId = UUID.randomUUID();
        Instant issued = Instant.parse("2026-01-01T00:00:00Z");
        reconcile(clusterId, 3, issued);
        Map<String, String> certificates = data(clusterId, ElasticsearchNames.CERTIFICATES_SECRET);

        reconcile(
                clusterId,
                3,
                issued.plus(CertificateAuthority.NODE_VALIDITY.minus(CertificateAuthority.NODE_RENEWAL))
                        .minusSeconds(3600 * 2));
        assertThat(data(clusterId, ElasticsearchNames.CERTIFICATES_SECRET)).isEqualTo(certificates);

        Instant renewal = issued.plus(CertificateAuthority.NODE_VALIDITY.minus(CertificateAuthority.NODE_RENEWAL));
        reconcile(clusterId, 3, renewal);
        X509Certificate renewed = Pem.certificate(
                entry(clusterId, ElasticsearchNames.CERTIFICATES_SECRET, ElasticsearchNames.CERTIFICATE_ENTRY));
        assertThat(renewed.getNotAfter().toInstant()).isAfter(renewal.plus(CertificateAuthority.NODE_RENEWAL));
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
                .hasSize(4);
    }

    @Test
    void scalingOutKeepsEveryCredentialAndTheBootstrapListAndChangesOnlyTheStatefulSet() {
        UUID clusterId = UUID.randomUUID();
        reconcile(clusterId, 3);
        Map<String, String> certificates = data(clusterId, ElasticsearchNames.CERTIFICATES_SECRET);

        ProvisioningReport report = reconcile(clusterId, 5);

        assertThat(report.resources())
                .filteredOn(resource -> resource.change() != ResourceChange.UNCHANGED)
                .extracting(AppliedResource::kind)
                // The namespace keeps the desired specs, so it changes with them.
                .containsExactly("Namespace", "StatefulSet");
        assertThat(bootstrapList(clusterId)).isEqualTo("elasticsearch-0,elasticsearch-1,elasticsearch-2");
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
        return reconcile(clusterId, nodes, Instant.now());
    }

    private ProvisioningReport reconcile(UUID clusterId, int nodes, Instant now) {
        return ClusterReconciler.reconcile(
                new Appliers(client),
                new ElasticsearchBlueprint(TestRegions.nebula(), Clock.fixed(now, ZoneOffset.UTC))
                        .render(TestSpecs.elasticsearch(clusterId, nodes), REGION),
                NebulaDatabase.vault().forCluster(clusterId));
    }

    private String bootstrapList(UUID clusterId) {
        return client.configMaps()
                .inNamespace(ResourceNames.namespace(clusterId))
                .withName(ElasticsearchNames.BOOTSTRAP_CONFIG_MAP)
                .get()
                .getData()
                .get("initial-master-nodes");
    }

    /** What the StatefulSet controller reports as ready nodes. */
    private void readyReplicas(UUID clusterId, int ready) {
        client.apps()
                .statefulSets()
                .inNamespace(ResourceNames.namespace(clusterId))
                .withName(ElasticsearchNames.STATEFUL_SET)
                .editStatus(statefulSet -> {
                    statefulSet.setStatus(new StatefulSetStatusBuilder()
                            .withReplicas(3)
                            .withReadyReplicas(ready)
                            .build());
                    return statefulSet;
                });
    }

    /** What the load-balancer controller writes on the client Service once it has an address. */
    private void loadBalancer(UUID clusterId, LoadBalancerIngress ingress) {
        client.services()
                .inNamespace(ResourceNames.namespace(clusterId))
                .withName(ElasticsearchNames.CLIENT_SERVICE)
                .editStatus(service -> {
                    service.setStatus(new ServiceStatusBuilder()
                            .withNewLoadBalancer()
                            .withIngress(ingress)
                            .endLoadBalancer()
                            .build());
                    return service;
                });
    }

    private SubjectAlternativeNames names(UUID clusterId) {
        return SubjectAlternativeNames.of(Pem.certificate(
                entry(clusterId, ElasticsearchNames.CERTIFICATES_SECRET, ElasticsearchNames.CERTIFICATE_ENTRY)));
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
