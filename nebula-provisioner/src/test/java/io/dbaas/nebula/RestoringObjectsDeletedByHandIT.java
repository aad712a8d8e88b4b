package io.dbaas.nebula;

import static io.dbaas.nebula.ClusterCommands.provision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dbaas.contracts.Engine;
import io.dbaas.contracts.command.ProvisionDBCluster;
import io.dbaas.contracts.event.ClusterDegraded;
import io.dbaas.nebula.kubernetes.model.ElasticsearchNames;
import io.dbaas.nebula.kubernetes.model.MasterKeySecrets;
import io.dbaas.nebula.kubernetes.model.ResourceNames;
import io.dbaas.nebula.kubernetes.model.SecretEntries;
import io.fabric8.kubernetes.api.model.Secret;
import java.time.Duration;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Objects of a cluster deleted by hand are restored by the watch at once, credentials with the same keys.
 */
class RestoringObjectsDeletedByHandIT extends NebulaScenario {

    @Test
    void anObjectDeletedByHandIsRestoredByTheWatch() {
        ProvisionDBCluster command = provision("kind", "local", 1);
        send(command);
        String namespace = ResourceNames.namespace(command.clusterId());
        awaitStatefulSet(namespace);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> kubernetes
                                .network()
                                .v1()
                                .networkPolicies()
                                .inNamespace(namespace)
                                .list()
                                .getItems()
                                .size()
                        == 1);

        kubernetes
                .network()
                .v1()
                .networkPolicies()
                .inNamespace(namespace)
                .withName(ResourceNames.QDRANT_NETWORK_POLICY)
                .delete();
        kubernetes
                .services()
                .inNamespace(namespace)
                .withName(ResourceNames.QDRANT_CLIENT_SERVICE)
                .delete();

        await().atMost(Duration.ofSeconds(30))
                .until(() -> kubernetes
                                        .network()
                                        .v1()
                                        .networkPolicies()
                                        .inNamespace(namespace)
                                        .withName(ResourceNames.QDRANT_NETWORK_POLICY)
                                        .get()
                                != null
                        && kubernetes
                                        .services()
                                        .inNamespace(namespace)
                                        .withName(ResourceNames.QDRANT_CLIENT_SERVICE)
                                        .get()
                                != null);
    }

    @Test
    void aDeletedMasterKeySecretIsRestoredAtOnceWithTheSameKey() {
        ProvisionDBCluster command = provision("kind", "local", 1);
        String namespace = runningCluster(command);
        String masterKey =
                MasterKeySecrets.masterKey(masterKeySecret(namespace)).orElseThrow();

        kubernetes
                .secrets()
                .inNamespace(namespace)
                .withName(ResourceNames.QDRANT_MASTER_KEY_SECRET)
                .delete();

        // Far sooner than the resync (5m): the Secret informer saw the deletion.
        Secret restored =
                await().atMost(Duration.ofSeconds(20)).until(() -> masterKeySecret(namespace), Objects::nonNull);
        assertThat(MasterKeySecrets.masterKey(restored)).contains(masterKey);
        awaitRestoresCaughtUp("kind", "local");
        assertThat(events(command.clusterId())).noneMatch(ClusterDegraded.class::isInstance);
    }

    @Test
    void aDeletedNodeCertificateSecretIsIssuedAgainAtOnceFromTheSameCa() {
        ProvisionDBCluster command = provision("kind", "local", 1, Engine.ELASTICSEARCH);
        send(command);
        String namespace = ResourceNames.namespace(command.clusterId());
        awaitStatefulSet(namespace, ElasticsearchNames.STATEFUL_SET);
        String caCertificate = SecretEntries.read(
                        secret(namespace, ElasticsearchNames.CA_SECRET), ElasticsearchNames.CA_CERTIFICATE_ENTRY)
                .orElseThrow();

        kubernetes
                .secrets()
                .inNamespace(namespace)
                .withName(ElasticsearchNames.CERTIFICATES_SECRET)
                .delete();

        Secret issued = await().atMost(Duration.ofSeconds(20))
                .until(() -> secret(namespace, ElasticsearchNames.CERTIFICATES_SECRET), Objects::nonNull);
        assertThat(SecretEntries.read(issued, ElasticsearchNames.CA_CERTIFICATE_ENTRY))
                .contains(caCertificate);
        assertThat(SecretEntries.read(issued, ElasticsearchNames.CERTIFICATE_ENTRY))
                .hasValueSatisfying(certificate -> assertThat(certificate).startsWith("-----BEGIN CERTIFICATE-----"));
    }
}
