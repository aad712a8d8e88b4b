package io.dbaas.helm;

import static org.assertj.core.api.Assertions.assertThat;

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
     * What nebula-provisioner's fabric8 calls need, by "apiGroup/resource". Change it together with the code:
     * ResourceApplier (get, create, update), SecretApplier (get, create; credentials are never updated),
     * ProvisionedAnnouncer (get secrets), RegionWatch (informers: list, watch of statefulsets and services),
     * NodeZoneAnnotator (informer on pods, get node, edit = get + patch pod).
     */
    private static final Map<String, Set<String>> WHAT_NEBULA_DOES = Map.of(
            "/namespaces", Set.of("get", "create", "update"),
            "/secrets", Set.of("get", "create"),
            "/configmaps", Set.of("get", "create", "update"),
            "/services", Set.of("get", "list", "watch", "create", "update"),
            "/pods", Set.of("get", "list", "watch", "patch"),
            "/nodes", Set.of("get"),
            "apps/statefulsets", Set.of("get", "list", "watch", "create", "update"),
            "policy/poddisruptionbudgets", Set.of("get", "create", "update"),
            "networking.k8s.io/networkpolicies", Set.of("get", "create", "update"));

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
            assertThat(rule.getVerbs())
                    .doesNotContain("*", "escalate", "bind", "impersonate", "deletecollection")
                    .doesNotContain("delete");
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
        Manifests remoteOnly = HelmChart.render("""
                regions:
                  - provider: gcp
                    region: europe-west4
                    kubernetes: {apiUrl: "https://34.90.0.10", tokenSecret: {name: gcp-token, key: token}}
                    exposure: load-balancer
                    gatekeeper: {ipBlocks: [203.0.113.0/24]}
                """);

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
