package io.dbaas.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.helm.support.ExampleValues;
import io.dbaas.helm.support.HelmChart;
import io.dbaas.helm.support.Manifests;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Nebula's ClusterRole grants what its code does to a region's cluster, and nothing broader. */
class NebulaRbacTest {

    /**
     * What nebula-provisioner's fabric8 calls need, by "apiGroup/resource". Change it together with the code. fabric8 7
     * sends: {@code resource(..).get} get, {@code create} create, {@code update} update (PUT), {@code edit} get then
     * patch, a named {@code delete} delete (also with a propagation policy), {@code list} list, informers and
     * {@code waitUntilCondition} list and watch.
     *
     * <ul>
     *   <li>ResourceApplier: get, create, patch (ADR 0014) of namespaces, configmaps, services, budgets, policies,
     *       statefulsets, deployments (a scraped Elasticsearch cluster's exporter) and podmonitors (regions that run
     *       the Prometheus operator); StatefulSetApplier: orphan delete of a statefulset, waited for (list, watch), then create;
     *       list of Nebula's statefulsets (the rendering rollout budget).
     *   <li>SecretApplier: get, create (credentials are never updated), update of a generated certificate Secret due
     *       for renewal; StatusAnnouncer: get secrets; RegionWatch: list,
     *       watch Nebula's labelled secrets, to restore a deleted one at once.
     *   <li>Volumes: list and edit of claims, get and edit of persistentvolumes, get and list of storageclasses.
     *   <li>Namespaces: get and edit of a namespace. Removals: list then delete by name of every kind in a cluster's
     *       namespace, delete of the namespace, waited for (list, watch); never a deletecollection.
     *   <li>RegionWatch: informers on statefulsets, pods, services, budgets, policies, configmaps; edit of a
     *       statefulset; get of a namespace. ObservedClusters: get statefulset, list pods.
     *   <li>NodeZoneAnnotator: informer on pods, get node, edit of a pod.
     *   <li>Backups (ADR 0017): create of an agent Job (get when it exists), informer on the agent's Jobs, list of a
     *       Job's pods, delete of an ended Job and of its parameters Secret.
     * </ul>
     */
    private static final Map<String, Set<String>> WHAT_NEBULA_DOES = Map.ofEntries(
            Map.entry("/namespaces", Set.of("get", "list", "watch", "create", "patch", "delete")),
            Map.entry("/secrets", Set.of("get", "list", "watch", "create", "update", "delete")),
            Map.entry("/configmaps", Set.of("get", "list", "watch", "create", "patch", "delete")),
            Map.entry("/services", Set.of("get", "list", "watch", "create", "patch", "delete")),
            Map.entry("/pods", Set.of("get", "list", "watch", "patch", "delete")),
            Map.entry("/persistentvolumeclaims", Set.of("get", "list", "patch", "delete")),
            Map.entry("/persistentvolumes", Set.of("get", "patch")),
            Map.entry("/nodes", Set.of("get")),
            Map.entry("apps/statefulsets", Set.of("get", "list", "watch", "create", "patch", "delete")),
            Map.entry("batch/jobs", Set.of("get", "list", "watch", "create", "delete")),
            Map.entry("apps/deployments", Set.of("get", "list", "create", "patch", "delete")),
            Map.entry("monitoring.coreos.com/podmonitors", Set.of("get", "list", "create", "patch", "delete")),
            Map.entry("policy/poddisruptionbudgets", Set.of("get", "list", "watch", "create", "patch", "delete")),
            Map.entry("networking.k8s.io/networkpolicies", Set.of("get", "list", "watch", "create", "patch", "delete")),
            Map.entry("storage.k8s.io/storageclasses", Set.of("get", "list")));

    private final Manifests manifests = HelmChart.render();

    @Test
    void theClusterRoleGrantsExactlyTheVerbsTheCodeUses() {
        ClusterRole role = manifests.named(ClusterRole.class, "nebula");

        assertThat(verbsByResource(role.getRules())).isEqualTo(new TreeMap<>(WHAT_NEBULA_DOES));
    }

    @Test
    void theClusterRoleHasNoWildcardNorResourceNamesNorPrivilegeEscalation() {
        ClusterRole role = manifests.named(ClusterRole.class, "nebula");

        assertThat(role.getRules()).allSatisfy(rule -> {
            assertThat(rule.getApiGroups()).doesNotContain("*");
            assertThat(rule.getResources()).doesNotContain("*").noneMatch(resource -> resource.contains("/"));
            assertThat(rule.getVerbs()).doesNotContain("*", "escalate", "bind", "impersonate", "deletecollection");
            assertThat(rule.getNonResourceURLs()).isNullOrEmpty();
        });
        assertThat(role.getAggregationRule()).isNull();
    }

    @Test
    void theClusterRoleIsBoundToNebulasServiceAccountOnly() {
        ClusterRoleBinding binding = manifests.named(ClusterRoleBinding.class, "nebula");

        assertThat(binding.getRoleRef().getName()).isEqualTo(Manifests.fullName("nebula"));
        assertThat(binding.getSubjects()).singleElement().satisfies(subject -> {
            assertThat(subject.getKind()).isEqualTo("ServiceAccount");
            assertThat(subject.getName()).isEqualTo(Manifests.fullName("nebula"));
            assertThat(subject.getNamespace()).isEqualTo(HelmChart.NAMESPACE);
        });
        assertThat(manifests
                        .deployment("nebula")
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getServiceAccountName())
                .isEqualTo(Manifests.fullName("nebula"));
    }

    @Test
    void remoteRegionsGetTheSameRulesFromTheirOwnManifest() throws IOException {
        Manifests remote = Manifests.parseFile(Files.readString(HelmChart.REMOTE_REGION_RBAC));

        ClusterRole role = remote.all(ClusterRole.class).getFirst();
        ClusterRoleBinding binding = remote.all(ClusterRoleBinding.class).getFirst();
        assertThat(verbsByResource(role.getRules())).isEqualTo(new TreeMap<>(WHAT_NEBULA_DOES));
        assertThat(binding.getRoleRef().getName()).isEqualTo(role.getMetadata().getName());
        assertThat(remote.ofKind("Secret")).singleElement().satisfies(secret -> assertThat(remote.documents().stream()
                        .filter(document -> document.path("kind").asText().equals("Secret"))
                        .findFirst()
                        .orElseThrow()
                        .path("type")
                        .asText())
                .isEqualTo("kubernetes.io/service-account-token"));
    }

    @Test
    void withoutAnInClusterRegionNoClusterRoleIsCreated() {
        Manifests remoteOnly = HelmChart.render(ExampleValues.REMOTE_REGION_ONLY);

        assertThat(remoteOnly.ofKind("ClusterRole")).isEmpty();
        assertThat(remoteOnly.ofKind("ClusterRoleBinding")).isEmpty();
    }

    private static TreeMap<String, Set<String>> verbsByResource(List<PolicyRule> rules) {
        TreeMap<String, Set<String>> granted = new TreeMap<>();
        for (PolicyRule rule : rules) {
            for (String group : rule.getApiGroups()) {
                for (String resource : rule.getResources()) {
                    granted.computeIfAbsent(group + "/" + resource, key -> new TreeSet<>())
                            .addAll(rule.getVerbs());
                }
            }
        }
        granted.replaceAll((resource, verbs) -> Set.copyOf(verbs));
        return granted;
    }
}
