package io.dbaas.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.helm.support.HelmChart;
import io.dbaas.helm.support.Manifests;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Who may reach what in the control plane's namespace. The rules admitting the chart's own helm test pod are left out
 * here; {@link HelmTestHookTest} checks them.
 */
class NetworkPoliciesTest {

    private final Manifests manifests = HelmChart.render("""
            networkPolicy:
              orionFrom:
                - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: traefik}}
              monitoringFrom:
                - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: observability}}
            """);

    @Test
    void orionsApiIsReachableOnlyFromTheConfiguredIngressAndItsManagementPortOnlyFromMonitoring() {
        NetworkPolicy policy = manifests.named(NetworkPolicy.class, "orion");

        assertThat(policy.getSpec().getPodSelector().getMatchLabels())
                .containsEntry("app.kubernetes.io/name", "orion-api");
        assertThat(namespacesAllowedOn(policy, 8080)).containsExactly("traefik");
        assertThat(namespacesAllowedOn(policy, 9080)).containsExactly("observability");
    }

    @Test
    void gateKeepersPublicPortIsOpenToAnyoneAndItsManagementPortOnlyToMonitoring() {
        NetworkPolicy policy = manifests.named(NetworkPolicy.class, "gatekeeper");

        assertThat(rule(policy, 8000).getFrom()).isNullOrEmpty();
        assertThat(namespacesAllowedOn(policy, 9000)).containsExactly("observability");
    }

    @Test
    void nebulasActuatorIsReachableOnlyFromMonitoring() {
        NetworkPolicy policy = manifests.named(NetworkPolicy.class, "nebula");

        assertThat(rulesBesidesHelmTest(policy)).hasSize(1);
        assertThat(namespacesAllowedOn(policy, 8081)).containsExactly("observability");
    }

    @Test
    void everyPolicyRestrictsIngressOnly() {
        assertThat(manifests.all(NetworkPolicy.class)).hasSize(3).allSatisfy(policy -> assertThat(
                        policy.getSpec().getPolicyTypes())
                .containsExactly("Ingress"));
        assertThat(HelmChart.render("networkPolicy: {enabled: false}").all(NetworkPolicy.class))
                .isEmpty();
    }

    private static NetworkPolicyIngressRule rule(NetworkPolicy policy, int port) {
        List<NetworkPolicyIngressRule> rules = rulesBesidesHelmTest(policy).stream()
                .filter(rule -> rule.getPorts().stream()
                        .anyMatch(allowed -> allowed.getPort().getIntVal() == port))
                .toList();
        assertThat(rules).as("rules for port %d", port).hasSize(1);
        return rules.getFirst();
    }

    private static List<NetworkPolicyIngressRule> rulesBesidesHelmTest(NetworkPolicy policy) {
        return policy.getSpec().getIngress().stream()
                .filter(rule ->
                        rule.getFrom() == null || rule.getFrom().stream().noneMatch(NetworkPoliciesTest::isHelmTestPod))
                .toList();
    }

    private static boolean isHelmTestPod(NetworkPolicyPeer peer) {
        return peer.getPodSelector() != null
                && "dbaas-helm-test"
                        .equals(peer.getPodSelector().getMatchLabels().get("app.kubernetes.io/name"));
    }

    private static List<String> namespacesAllowedOn(NetworkPolicy policy, int port) {
        List<NetworkPolicyPeer> peers = rule(policy, port).getFrom();
        assertThat(peers).isNotEmpty();
        return peers.stream()
                .map(peer -> peer.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name"))
                .toList();
    }
}
