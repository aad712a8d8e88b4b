package io.dbaas.nebula.kubernetes;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.after;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.dbaas.contracts.Engine;
import io.dbaas.nebula.config.TestRegions;
import io.dbaas.nebula.infrastructure.DBClusterSpecs;
import io.dbaas.nebula.infrastructure.InfrastructureException;
import io.dbaas.nebula.infrastructure.ProvisioningReport;
import io.dbaas.nebula.infrastructure.TestSpecs;
import io.dbaas.nebula.kubernetes.model.Annotations;
import io.dbaas.nebula.kubernetes.model.Labels;
import io.dbaas.nebula.kubernetes.model.ResourceNames;
import io.dbaas.nebula.kubernetes.reconcile.MasterKeyMissingException;
import io.dbaas.nebula.kubernetes.region.RegionConnection;
import io.dbaas.nebula.kubernetes.status.ReconcileOutcomes;
import io.dbaas.nebula.region.Region;
import io.dbaas.nebula.region.RegionId;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A watch's reconcile request restores the cluster on the specs of its namespace, and says what status must know. */
@EnableKubernetesMockClient(crud = true, https = false)
class RegionRestoresTest {

    private static final Duration PATIENCE = Duration.ofSeconds(5);

    KubernetesClient client;

    private final KubernetesInfrastructureClient infrastructure = mock(KubernetesInfrastructureClient.class);
    private final ReconcileOutcomes outcomes = mock(ReconcileOutcomes.class);
    private final UUID clusterId = UUID.randomUUID();
    private final DBClusterSpecs specs = TestSpecs.qdrant(clusterId);
    private final String namespace = ResourceNames.namespace(clusterId);
    private RegionRestores restores;

    @BeforeEach
    void watchedRegion() {
        restores = new RegionRestores(
                new RegionConnection(
                        new Region(
                                new RegionId("minikube", "local"),
                                TestRegions.region().build()),
                        client,
                        "http://127.0.0.1",
                        "test"),
                infrastructure,
                outcomes);
    }

    @AfterEach
    void close() {
        restores.close();
    }

    @Test
    void aRequestRestoresTheClusterOnTheSpecsKeptOnItsNamespaceAndEndsAReportedProblem() {
        namespaceWith(Annotations.desiredSpecs(specs));
        when(infrastructure.restore(any(), eq(specs))).thenReturn(new ProvisioningReport(List.of()));

        restores.request(namespace);

        verify(outcomes, timeout(PATIENCE.toMillis())).reconciled(clusterId, Engine.QDRANT, namespace);
        verify(infrastructure).restore(any(), eq(specs));
    }

    @Test
    void aMasterKeyNobodyHoldsIsReportedToTheWatchNeverRegenerated() {
        namespaceWith(Annotations.desiredSpecs(specs));
        MasterKeyMissingException missing =
                new MasterKeyMissingException(namespace, ResourceNames.QDRANT_MASTER_KEY_SECRET);
        when(infrastructure.restore(any(), eq(specs))).thenThrow(missing);

        restores.request(namespace);

        verify(outcomes, timeout(PATIENCE.toMillis()))
                .masterKeyMissing(clusterId, Engine.QDRANT, namespace, missing.reason());
        verify(outcomes, never()).reconciled(any(), any(), anyString());
    }

    @Test
    void aFailedRestoreChangesNothingTheWatchAnnounces() {
        namespaceWith(Annotations.desiredSpecs(specs));
        when(infrastructure.restore(any(), eq(specs)))
                .thenThrow(new InfrastructureException("The Kubernetes API is unreachable", true));

        restores.request(namespace);

        verify(infrastructure, timeout(PATIENCE.toMillis())).restore(any(), eq(specs));
        verify(outcomes, after(200).never()).reconciled(any(), any(), anyString());
        verify(outcomes, never()).masterKeyMissing(any(), any(), anyString(), anyString());
    }

    @Test
    void aNamespaceBeingDeletedIsNeverRestored() {
        Map<String, String> annotations = Annotations.desiredSpecs(specs);
        annotations.put(Annotations.DELETING, "true");
        namespaceWith(annotations);

        restores.request(namespace);

        verify(infrastructure, after(500).never()).restore(any(), any());
    }

    @Test
    void aClusterOfAnotherRegionIsNeverRestoredHere() {
        Map<String, String> annotations = Annotations.desiredSpecs(specs);
        annotations.put(Annotations.PROVIDER, "kind");
        namespaceWith(annotations);

        restores.request(namespace);

        verify(infrastructure, after(500).never()).restore(any(), any());
    }

    @Test
    void requestsAfterCloseAreDropped() {
        namespaceWith(Annotations.desiredSpecs(specs));
        restores.close();

        restores.request(namespace);

        verify(infrastructure, after(500).never()).restore(any(), any());
    }

    private void namespaceWith(Map<String, String> annotations) {
        client.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(namespace)
                        .withLabels(Labels.of(Engine.QDRANT.id(), clusterId))
                        .withAnnotations(annotations)
                        .endMetadata()
                        .build())
                .create();
    }
}
