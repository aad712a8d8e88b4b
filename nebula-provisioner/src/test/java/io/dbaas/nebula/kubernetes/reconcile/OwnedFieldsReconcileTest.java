package io.dbaas.nebula.kubernetes.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbaas.nebula.config.RegionProperties;
import io.dbaas.nebula.config.TestRegions;
import io.dbaas.nebula.infrastructure.ChangeRefusedException;
import io.dbaas.nebula.infrastructure.DBClusterSpecs;
import io.dbaas.nebula.infrastructure.ProvisioningReport;
import io.dbaas.nebula.infrastructure.ProvisioningReport.AppliedResource;
import io.dbaas.nebula.infrastructure.ResourceChange;
import io.dbaas.nebula.infrastructure.TestSpecs;
import io.dbaas.nebula.kubernetes.apply.Appliers;
import io.dbaas.nebula.kubernetes.apply.RenderingRollouts;
import io.dbaas.nebula.kubernetes.blueprint.TestBlueprints;
import io.dbaas.nebula.kubernetes.model.Annotations;
import io.dbaas.nebula.kubernetes.model.ResourceNames;
import io.dbaas.nebula.security.MasterKeyVault;
import io.dbaas.nebula.support.NebulaDatabase;
import io.dbaas.nebula.support.SentRequests;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A whole Qdrant cluster reconciled against fabric8's CRUD mock API server, a stand-in for a real API server (which
 * cannot run here): what others set on its objects survives Nebula's changes and resyncs; StatefulSet changes a real
 * API server refuses are never sent; a pod template that only Nebula's rendering changed rolls by the rollout rule.
 * Requests are checked as sent ({@link SentRequests}), since the mock accepts changes a real API server refuses.
 */
@EnableKubernetesMockClient(crud = true)
class OwnedFieldsReconcileTest {

    private static final MasterKeyVault VAULT = NebulaDatabase.vault();
    private static final Map<String, String> FOREIGN_ANNOTATION = Map.of("cloud.example/owner", "platform-team");

    KubernetesClient client;

    private SentRequests sent;

    @AfterEach
    void close() {
        if (sent != null) {
            sent.close();
        }
    }

    @Test
    void whatOthersSetSurvivesAScaleAndAResyncAndWhatNebulaStoppedRenderingGoes() {
        UUID clusterId = UUID.randomUUID();
        String namespace = ResourceNames.namespace(clusterId);
        RegionProperties before = TestRegions.region()
                .serviceAnnotations(Map.of("lb.example/scheme", "internal", "lb.example/retired", "yes"))
                .build();
        RegionProperties after = TestRegions.region()
                .serviceAnnotations(Map.of("lb.example/scheme", "internet-facing"))
                .build();
        reconcile(new Appliers(client), TestSpecs.qdrant(clusterId, 3), before);
        setByOthers(namespace);

        reconcile(new Appliers(client), TestSpecs.qdrant(clusterId, 5), after);
        ProvisioningReport resync =
                reconcile(new Appliers(client, RenderingRollouts.atMost(0)), TestSpecs.qdrant(clusterId, 5), after);

        assertThat(resync.changedNothing()).isTrue();
        var service = client.services()
                .inNamespace(namespace)
                .withName(ResourceNames.QDRANT_CLIENT_SERVICE)
                .get();
        assertThat(service.getSpec().getLoadBalancerClass()).isEqualTo("service.k8s.aws/nlb");
        assertThat(service.getMetadata().getAnnotations())
                .containsAllEntriesOf(FOREIGN_ANNOTATION)
                .containsEntry("lb.example/scheme", "internet-facing")
                .doesNotContainKey("lb.example/retired");
        assertThat(service.getMetadata().getLabels()).containsEntry("team", "search");
        StatefulSet statefulSet = statefulSet(namespace);
        assertThat(statefulSet.getSpec().getReplicas()).isEqualTo(5);
        assertThat(statefulSet.getMetadata().getAnnotations()).containsAllEntriesOf(FOREIGN_ANNOTATION);
        assertThat(statefulSet.getMetadata().getLabels()).containsEntry("team", "search");
        var ns = client.namespaces().withName(namespace).get();
        assertThat(ns.getMetadata().getLabels()).containsEntry("pod-security.kubernetes.io/enforce", "restricted");
        assertThat(ns.getMetadata().getAnnotations()).containsEntry(Annotations.NODES, "5");
        assertThat(client.network()
                        .v1()
                        .networkPolicies()
                        .inNamespace(namespace)
                        .withName(ResourceNames.QDRANT_NETWORK_POLICY)
                        .get()
                        .getMetadata()
                        .getAnnotations())
                .containsAllEntriesOf(FOREIGN_ANNOTATION);
        assertThat(client.policy()
                        .v1()
                        .podDisruptionBudget()
                        .inNamespace(namespace)
                        .withName(ResourceNames.QDRANT_POD_DISRUPTION_BUDGET)
                        .get()
                        .getMetadata()
                        .getAnnotations())
                .containsAllEntriesOf(FOREIGN_ANNOTATION);
    }

    @Test
    void anotherStorageClassIsRefusedWithItsReasonBeforeAnythingIsTouched() {
        UUID clusterId = UUID.randomUUID();
        String namespace = ResourceNames.namespace(clusterId);
        reconcile(
                new Appliers(client),
                TestSpecs.qdrant(clusterId, 3),
                TestRegions.region().storageClass("standard").build());
        sent = new SentRequests(client);

        assertThatThrownBy(() -> reconcile(
                        new Appliers(sent.client()),
                        TestSpecs.copy(TestSpecs.qdrant(clusterId, 5))
                                .asUpdate(UUID.randomUUID())
                                .build(),
                        TestRegions.region().storageClass("fast-ssd").build()))
                .isInstanceOf(ChangeRefusedException.class)
                .hasMessageContaining("storage class 'standard'")
                .hasMessageContaining("'fast-ssd'")
                .hasMessageContaining("unchanged");

        assertThat(sent.writes())
                .as("nothing is sent: no patch, no delete, no create")
                .isEmpty();
        assertThat(statefulSet(namespace).getSpec().getReplicas()).isEqualTo(3);
        assertThat(client.namespaces().withName(namespace).get().getMetadata().getAnnotations())
                .containsEntry(Annotations.NODES, "3");
    }

    @Test
    void aBiggerDiskRecreatesTheStatefulSetWithoutSendingAnImmutableFieldAndKeepsWhatOthersSetOnIt() {
        UUID clusterId = UUID.randomUUID();
        String namespace = ResourceNames.namespace(clusterId);
        RegionProperties region = TestRegions.region().storageClass("standard").build();
        reconcile(new Appliers(client), TestSpecs.qdrant(clusterId, 3), region);
        setByOthers(namespace);
        sent = new SentRequests(client);

        reconcile(
                new Appliers(sent.client()),
                TestSpecs.copy(TestSpecs.qdrant(clusterId, 3))
                        .disk("20Gi")
                        .asUpdate(UUID.randomUUID())
                        .build(),
                region);

        assertThat(sent.writes())
                .filteredOn(request -> request.path().contains("/statefulsets"))
                .extracting(SentRequests.Sent::method)
                .containsExactly("DELETE", "POST");
        assertThat(sent.writes())
                .filteredOn(request -> request.method().equals("DELETE"))
                .singleElement()
                .satisfies(request -> assertThat(request.body()).contains("Orphan"));
        StatefulSet statefulSet = statefulSet(namespace);
        assertThat(statefulSet
                        .getSpec()
                        .getVolumeClaimTemplates()
                        .getFirst()
                        .getSpec()
                        .getResources()
                        .getRequests())
                .containsEntry("storage", new io.fabric8.kubernetes.api.model.Quantity("20Gi"));
        assertThat(statefulSet.getMetadata().getAnnotations()).containsAllEntriesOf(FOREIGN_ANNOTATION);
        assertThat(statefulSet.getMetadata().getLabels()).containsEntry("team", "search");
    }

    @Test
    void noPatchOfAStatefulSetEverCarriesAFieldTheApiServerCannotUpdate() {
        UUID clusterId = UUID.randomUUID();
        String namespace = ResourceNames.namespace(clusterId);
        RegionProperties region = TestRegions.region().storageClass("standard").build();
        sent = new SentRequests(client);
        Appliers appliers = new Appliers(sent.client());
        reconcile(appliers, TestSpecs.qdrant(clusterId, 3), region);

        reconcile(
                appliers,
                TestSpecs.copy(TestSpecs.qdrant(clusterId, 5))
                        .asUpdate(UUID.randomUUID())
                        .build(),
                region);
        reconcile(
                appliers,
                TestSpecs.copy(TestSpecs.qdrant(clusterId, 5))
                        .cpu("2")
                        .asUpdate(UUID.randomUUID())
                        .build(),
                region);
        reconcile(
                appliers,
                TestSpecs.copy(TestSpecs.qdrant(clusterId, 5))
                        .cpu("2")
                        .disk("30Gi")
                        .asUpdate(UUID.randomUUID())
                        .build(),
                region);

        assertThat(sent.writes())
                .filteredOn(request -> request.isPatchOf("statefulsets"))
                .hasSize(2)
                .allSatisfy(request -> assertThat(request.body())
                        .doesNotContain("/spec/volumeClaimTemplates")
                        .doesNotContain("/spec/selector")
                        .doesNotContain("/spec/serviceName")
                        .doesNotContain("/spec/podManagementPolicy")
                        .contains("/metadata/resourceVersion"));
        assertThat(statefulSet(namespace).getSpec().getReplicas()).isEqualTo(5);
    }

    @Test
    void aPodTemplateOnlyTheRenderingChangedIsNotRolledByAResyncButByTheClustersNextCommand() {
        UUID clusterId = UUID.randomUUID();
        String namespace = ResourceNames.namespace(clusterId);
        DBClusterSpecs specs = TestSpecs.qdrant(clusterId, 3);
        reconcile(new Appliers(client), specs, TestRegions.region().build());
        var runningTemplate = statefulSet(namespace).getSpec().getTemplate();
        RegionProperties newRendering =
                TestRegions.region().zones("zone-a", "zone-b").build();

        ProvisioningReport resync = reconcile(new Appliers(client, RenderingRollouts.atMost(0)), specs, newRendering);

        assertThat(change(resync, "StatefulSet")).isEqualTo(ResourceChange.UNCHANGED);
        assertThat(statefulSet(namespace).getSpec().getTemplate()).isEqualTo(runningTemplate);
        assertThat(reconcile(new Appliers(client, RenderingRollouts.atMost(0)), specs, newRendering)
                        .changedNothing())
                .as("the held-back rendering is not retried as a change on every resync")
                .isTrue();

        reconcile(
                new Appliers(client),
                TestSpecs.copy(specs).nodes(4).asUpdate(UUID.randomUUID()).build(),
                newRendering);

        assertThat(statefulSet(namespace).getSpec().getTemplate()).isNotEqualTo(runningTemplate);
    }

    @Test
    void aHandEditedImageIsUndoneByAResyncEvenWhileANewRenderingIsHeldBack() {
        UUID clusterId = UUID.randomUUID();
        String namespace = ResourceNames.namespace(clusterId);
        DBClusterSpecs specs = TestSpecs.qdrant(clusterId, 3);
        reconcile(new Appliers(client), specs, TestRegions.region().build());
        var runningTemplate = statefulSet(namespace).getSpec().getTemplate();
        client.apps()
                .statefulSets()
                .inNamespace(namespace)
                .withName(ResourceNames.QDRANT_STATEFUL_SET)
                .edit(live -> {
                    live.getSpec()
                            .getTemplate()
                            .getSpec()
                            .getContainers()
                            .getFirst()
                            .setImage("qdrant/qdrant:v0.0.1");
                    return live;
                });

        reconcile(
                new Appliers(client, RenderingRollouts.atMost(0)),
                specs,
                TestRegions.region().zones("zone-a", "zone-b").build());

        assertThat(statefulSet(namespace).getSpec().getTemplate())
                .as("the image Nebula applied is back, and the new rendering still held back")
                .isEqualTo(runningTemplate);
    }

    @Test
    void withARolloutBudgetOfOneASecondClusterWaitsUntilTheFirstHasRolled() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        reconcile(
                new Appliers(client),
                TestSpecs.qdrant(first, 3),
                TestRegions.region().build());
        reconcile(
                new Appliers(client),
                TestSpecs.qdrant(second, 3),
                TestRegions.region().build());
        RegionProperties newRendering =
                TestRegions.region().zones("zone-a", "zone-b").build();
        var firstTemplate = template(first);
        var secondTemplate = template(second);
        Appliers resync = new Appliers(client, RenderingRollouts.atMost(1));

        reconcile(resync, TestSpecs.qdrant(first, 3), newRendering);
        rolling(ResourceNames.namespace(first), true);
        reconcile(resync, TestSpecs.qdrant(second, 3), newRendering);

        assertThat(template(first)).as("the first cluster rolls").isNotEqualTo(firstTemplate);
        assertThat(template(second))
                .as("the second waits while the first rolls")
                .isEqualTo(secondTemplate);

        rolling(ResourceNames.namespace(first), false);
        reconcile(resync, TestSpecs.qdrant(second, 3), newRendering);

        assertThat(template(second))
                .as("the second rolls once the first is done")
                .isNotEqualTo(secondTemplate);
    }

    private io.fabric8.kubernetes.api.model.PodTemplateSpec template(UUID clusterId) {
        return statefulSet(ResourceNames.namespace(clusterId)).getSpec().getTemplate();
    }

    /** The StatefulSet controller's status: replacing pods (revisions differ) or done. */
    private void rolling(String namespace, boolean rolling) {
        StatefulSet live = statefulSet(namespace);
        live.setStatus(new StatefulSetStatusBuilder()
                .withReplicas(3)
                .withReadyReplicas(3)
                .withUpdatedReplicas(rolling ? 1 : 3)
                .withCurrentRevision(rolling ? "qdrant-old" : "qdrant-new")
                .withUpdateRevision("qdrant-new")
                .build());
        client.apps().statefulSets().resource(live).updateStatus();
    }

    /** What a cloud controller, admission and a platform team add to the cluster's objects. */
    private void setByOthers(String namespace) {
        client.services()
                .inNamespace(namespace)
                .withName(ResourceNames.QDRANT_CLIENT_SERVICE)
                .edit(live -> new ServiceBuilder(live)
                        .editMetadata()
                        .addToAnnotations(FOREIGN_ANNOTATION)
                        .addToLabels("team", "search")
                        .endMetadata()
                        .editSpec()
                        .withLoadBalancerClass("service.k8s.aws/nlb")
                        .endSpec()
                        .build());
        client.apps()
                .statefulSets()
                .inNamespace(namespace)
                .withName(ResourceNames.QDRANT_STATEFUL_SET)
                .edit(live -> new StatefulSetBuilder(live)
                        .editMetadata()
                        .addToAnnotations(FOREIGN_ANNOTATION)
                        .addToLabels("team", "search")
                        .endMetadata()
                        .build());
        client.namespaces().withName(namespace).edit(live -> new NamespaceBuilder(live)
                .editMetadata()
                .addToLabels("pod-security.kubernetes.io/enforce", "restricted")
                .endMetadata()
                .build());
        client.network()
                .v1()
                .networkPolicies()
                .inNamespace(namespace)
                .withName(ResourceNames.QDRANT_NETWORK_POLICY)
                .edit(live -> new NetworkPolicyBuilder(live)
                        .editMetadata()
                        .addToAnnotations(FOREIGN_ANNOTATION)
                        .endMetadata()
                        .build());
        client.policy()
                .v1()
                .podDisruptionBudget()
                .inNamespace(namespace)
                .withName(ResourceNames.QDRANT_POD_DISRUPTION_BUDGET)
                .edit(live -> new PodDisruptionBudgetBuilder(live)
                        .editMetadata()
                        .addToAnnotations(FOREIGN_ANNOTATION)
                        .endMetadata()
                        .build());
    }

    private StatefulSet statefulSet(String namespace) {
        return client.apps()
                .statefulSets()
                .inNamespace(namespace)
                .withName(ResourceNames.QDRANT_STATEFUL_SET)
                .get();
    }

    private static ResourceChange change(ProvisioningReport report, String kind) {
        return report.resources().stream()
                .filter(resource -> resource.kind().equals(kind))
                .map(AppliedResource::change)
                .findFirst()
                .orElseThrow();
    }

    private ProvisioningReport reconcile(Appliers appliers, DBClusterSpecs specs, RegionProperties region) {
        return ClusterReconciler.reconcile(
                appliers, TestBlueprints.qdrant().render(specs, region), VAULT.forCluster(specs.clusterId()));
    }
}
