package io.dbaas.nebula.kubernetes.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.dbaas.nebula.config.RegionProperties;
import io.dbaas.nebula.config.TestRegions;
import io.dbaas.nebula.infrastructure.ProvisioningReport;
import io.dbaas.nebula.infrastructure.ProvisioningReport.AppliedResource;
import io.dbaas.nebula.infrastructure.ResourceChange;
import io.dbaas.nebula.infrastructure.TestSpecs;
import io.dbaas.nebula.kubernetes.apply.Appliers;
import io.dbaas.nebula.kubernetes.blueprint.TestBlueprints;
import io.dbaas.nebula.kubernetes.model.ClusterCertificates;
import io.dbaas.nebula.kubernetes.model.ResourceNames;
import io.dbaas.nebula.kubernetes.model.SecretEntries;
import io.dbaas.nebula.security.tls.CertificateAuthority;
import io.dbaas.nebula.security.tls.Pem;
import io.dbaas.nebula.security.tls.TlsHandshake;
import io.dbaas.nebula.support.NebulaDatabase;
import io.fabric8.kubernetes.api.model.LoadBalancerIngressBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Qdrant's TLS material reconciled against fabric8's CRUD mock API server: a CA of the cluster's own, generated once,
 * and one node certificate it signs that every peer (by its headless name) and GateKeeper (by the client Service's
 * name, or the load balancer's address) accept after checking the host name, proved by real TLS handshakes.
 */
@EnableKubernetesMockClient(crud = true)
class QdrantTlsReconcilerTest {

    private static final RegionProperties REGION = TestRegions.region().build();

    KubernetesClient client;

    @Test
    void provisioningCreatesTheCaAndANodeCertificateThatPeersAndGateKeeperAcceptUnderTheNamesTheyUse() {
        UUID clusterId = UUID.randomUUID();

        ProvisioningReport report = reconcile(clusterId);

        assertThat(report.resources())
                .extracting(AppliedResource::kind, AppliedResource::name)
                .startsWith(
                        tuple("Namespace", ResourceNames.namespace(clusterId)),
                        secret(clusterId, ResourceNames.QDRANT_MASTER_KEY_SECRET),
                        secret(clusterId, ResourceNames.QDRANT_CA_SECRET),
                        secret(clusterId, ResourceNames.QDRANT_CERTIFICATES_SECRET));
        X509Certificate ca = caCertificate(clusterId);
        assertThat(entry(clusterId, ResourceNames.QDRANT_CERTIFICATES_SECRET, ClusterCertificates.CA_CERTIFICATE_ENTRY))
                .isEqualTo(entry(clusterId, ResourceNames.QDRANT_CA_SECRET, ClusterCertificates.CA_CERTIFICATE_ENTRY));
        // Peers reach each other through the headless Service (--uri, --bootstrap); GateKeeper the client Service.
        assertThat(acceptedAs(clusterId, ca, ResourceNames.qdrantPeerHost(clusterId, 0)))
                .isTrue();
        assertThat(acceptedAs(clusterId, ca, ResourceNames.qdrantPeerHost(clusterId, 6)))
                .isTrue();
        assertThat(acceptedAs(
                        clusterId,
                        ca,
                        ResourceNames.serviceHost(
                                ResourceNames.QDRANT_CLIENT_SERVICE, clusterId, REGION.clusterDomain())))
                .isTrue();
        assertThat(acceptedAs(clusterId, ca, "127.0.0.1")).isTrue();
    }

    @Test
    void everyReconcileReportsWhenTheSoonestCertificateExpiresEvenWhenNothingChanged() {
        UUID clusterId = UUID.randomUUID();

        ProvisioningReport created = reconcile(clusterId);
        ProvisioningReport unchanged = reconcile(clusterId);

        X509Certificate node = Pem.certificate(
                entry(clusterId, ResourceNames.QDRANT_CERTIFICATES_SECRET, ClusterCertificates.CERTIFICATE_ENTRY));
        assertThat(node.getNotAfter())
                .as("the node certificate expires first")
                .isBefore(caCertificate(clusterId).getNotAfter());
        assertThat(created.certificatesExpiry()).contains(node.getNotAfter().toInstant());
        assertThat(unchanged.changedNothing()).isTrue();
        assertThat(unchanged.certificatesExpiry())
                .as("a resync that changes nothing still feeds nebula.certificates.earliest.expiry")
                .contains(node.getNotAfter().toInstant());
    }

    @Test
    void theCertificateIsRefusedForAnotherClustersNamesAndByAClientTrustingAnotherClustersCa() {
        UUID clusterId = UUID.randomUUID();
        UUID otherId = UUID.randomUUID();
        reconcile(clusterId);
        reconcile(otherId);

        assertThat(acceptedAs(clusterId, caCertificate(clusterId), ResourceNames.qdrantPeerHost(otherId, 0)))
                .isFalse();
        assertThat(acceptedAs(clusterId, caCertificate(otherId), ResourceNames.qdrantPeerHost(clusterId, 0)))
                .isFalse();
        assertThat(acceptedAs(
                        clusterId,
                        CertificateAuthority.generate("stranger", Instant.now()).certificate(),
                        ResourceNames.qdrantPeerHost(clusterId, 0)))
                .isFalse();
    }

    @Test
    void aLoadBalancerAddressIsAddedToTheCertificateFromTheSameCaAndTheMasterKeyStays() {
        UUID clusterId = UUID.randomUUID();
        reconcile(clusterId);
        Map<String, String> ca = data(clusterId, ResourceNames.QDRANT_CA_SECRET);
        Map<String, String> masterKey = data(clusterId, ResourceNames.QDRANT_MASTER_KEY_SECRET);
        assertThat(acceptedAs(clusterId, caCertificate(clusterId), "127.0.0.9")).isFalse();

        client.services()
                .inNamespace(ResourceNames.namespace(clusterId))
                .withName(ResourceNames.QDRANT_CLIENT_SERVICE)
                .editStatus(service -> {
                    service.setStatus(new ServiceStatusBuilder()
                            .withNewLoadBalancer()
                            .withIngress(new LoadBalancerIngressBuilder()
                                    .withIp("127.0.0.9")
                                    .build())
                            .endLoadBalancer()
                            .build());
                    return service;
                });
        ProvisioningReport report = reconcile(clusterId);

        assertThat(report.resources())
                .filteredOn(resource -> resource.change() != ResourceChange.UNCHANGED)
                .extracting(AppliedResource::name)
                .containsExactly(ResourceNames.namespace(clusterId) + "/" + ResourceNames.QDRANT_CERTIFICATES_SECRET);
        assertThat(acceptedAs(clusterId, caCertificate(clusterId), "127.0.0.9")).isTrue();
        assertThat(data(clusterId, ResourceNames.QDRANT_CA_SECRET)).isEqualTo(ca);
        assertThat(data(clusterId, ResourceNames.QDRANT_MASTER_KEY_SECRET)).isEqualTo(masterKey);
        assertThat(reconcile(clusterId).changedNothing()).isTrue();
    }

    /**
     * A cluster provisioned by a Nebula without Qdrant TLS has its master-key Secret and no TLS Secrets: the next pass
     * creates the CA and the certificate and keeps the master key, so clients keep their keys across the change.
     */
    @Test
    void aClusterWithoutTlsSecretsGetsThemAndKeepsItsMasterKey() {
        UUID clusterId = UUID.randomUUID();
        reconcile(clusterId);
        Map<String, String> masterKey = data(clusterId, ResourceNames.QDRANT_MASTER_KEY_SECRET);
        client.secrets()
                .inNamespace(ResourceNames.namespace(clusterId))
                .withName(ResourceNames.QDRANT_CA_SECRET)
                .delete();
        client.secrets()
                .inNamespace(ResourceNames.namespace(clusterId))
                .withName(ResourceNames.QDRANT_CERTIFICATES_SECRET)
                .delete();

        ProvisioningReport report = reconcile(clusterId);

        assertThat(report.resources())
                .filteredOn(resource -> resource.change() == ResourceChange.CREATED)
                .extracting(AppliedResource::name)
                .containsExactly(
                        ResourceNames.namespace(clusterId) + "/" + ResourceNames.QDRANT_CA_SECRET,
                        ResourceNames.namespace(clusterId) + "/" + ResourceNames.QDRANT_CERTIFICATES_SECRET);
        assertThat(data(clusterId, ResourceNames.QDRANT_MASTER_KEY_SECRET)).isEqualTo(masterKey);
        assertThat(acceptedAs(clusterId, caCertificate(clusterId), ResourceNames.qdrantPeerHost(clusterId, 1)))
                .isTrue();
    }

    private ProvisioningReport reconcile(UUID clusterId) {
        return ClusterReconciler.reconcile(
                new Appliers(client),
                TestBlueprints.qdrant().render(TestSpecs.qdrant(clusterId), REGION),
                NebulaDatabase.vault().forCluster(clusterId));
    }

    /** Whether a client trusting {@code ca} accepts the cluster's node certificate when it connected to {@code name}. */
    private boolean acceptedAs(UUID clusterId, X509Certificate ca, String name) {
        return TlsHandshake.accepts(
                ca,
                name,
                Pem.certificate(entry(
                        clusterId, ResourceNames.QDRANT_CERTIFICATES_SECRET, ClusterCertificates.CERTIFICATE_ENTRY)),
                Pem.privateKey(
                        entry(clusterId, ResourceNames.QDRANT_CERTIFICATES_SECRET, ClusterCertificates.KEY_ENTRY)));
    }

    private X509Certificate caCertificate(UUID clusterId) {
        return Pem.certificate(
                entry(clusterId, ResourceNames.QDRANT_CA_SECRET, ClusterCertificates.CA_CERTIFICATE_ENTRY));
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

    private static org.assertj.core.groups.Tuple secret(UUID clusterId, String name) {
        return tuple("Secret", ResourceNames.namespace(clusterId) + "/" + name);
    }
}
