package io.dbaas.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.helm.support.ExampleValues;
import io.dbaas.helm.support.HelmChart;
import io.dbaas.helm.support.Manifests;
import io.dbaas.kubernetes.schema.KubernetesSchemas;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@code helm test}: a pod that asks the installed control plane whether it answers, admitted by the chart's policies. */
class HelmTestHookTest {

    private final Manifests manifests = HelmChart.renderWithHooks(ExampleValues.MULTI_REGION);
    private final Pod pod = manifests.named(Pod.class, "test");
    private final Container container = pod.getSpec().getContainers().getFirst();

    @Test
    void theOnlyPodTheChartRendersIsTheTestHook() {
        assertThat(manifests.all(Pod.class)).containsExactly(pod);
        assertThat(HelmChart.render(ExampleValues.MULTI_REGION).all(Pod.class))
                .as("not part of the release's own objects")
                .isEmpty();
        assertThat(pod.getMetadata().getAnnotations())
                .containsEntry("helm.sh/hook", "test")
                .containsEntry("helm.sh/hook-delete-policy", "before-hook-creation,hook-succeeded");
        assertThat(pod.getSpec().getRestartPolicy()).isEqualTo("Never");
        assertThat(pod.getSpec().getContainers()).hasSize(1);
    }

    @Test
    void itMatchesTheStrictPodSchemaAndRunsRestrictedWithoutAServiceAccountToken() {
        assertThat(KubernetesSchemas.strict().violations(pod)).isEmpty();
        assertThat(pod.getSpec().getAutomountServiceAccountToken()).isFalse();
        assertThat(pod.getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSpec().getSecurityContext().getRunAsUser()).isEqualTo(10001L);
        assertThat(pod.getSpec().getSecurityContext().getSeccompProfile().getType())
                .isEqualTo("RuntimeDefault");
        var security = container.getSecurityContext();
        assertThat(security.getRunAsNonRoot()).isTrue();
        assertThat(security.getReadOnlyRootFilesystem()).isTrue();
        assertThat(security.getAllowPrivilegeEscalation()).isFalse();
        assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(security.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(container.getResources().getLimits()).containsKey("memory");
    }

    @Test
    void itsImageIsASmallPublicCurlImageThatCanBeChanged() {
        assertThat(container.getImage()).isEqualTo("curlimages/curl:8.11.1");
        assertThat(container.getImagePullPolicy()).isEqualTo("IfNotPresent");

        Pod mirrored = HelmChart.renderWithHooks("tests: {image: {repository: mirror.example.com/curl, tag: \"8\"}}")
                .named(Pod.class, "test");
        assertThat(mirrored.getSpec().getContainers().getFirst().getImage()).isEqualTo("mirror.example.com/curl:8");
    }

    @Test
    void itCallsTheServicesAndPortsTheChartRenders() {
        Map<String, URI> targets = targets();

        assertThat(targets)
                .containsOnlyKeys("ORION_API", "ORION_MANAGEMENT", "NEBULA_MANAGEMENT", "GATEKEEPER_MANAGEMENT");
        assertServes(targets.get("ORION_API"), "orion", "http");
        assertServes(targets.get("ORION_MANAGEMENT"), "orion-management", "management");
        assertServes(targets.get("NEBULA_MANAGEMENT"), "nebula", "management");
        assertServes(targets.get("GATEKEEPER_MANAGEMENT"), "gatekeeper-management", "management");
    }

    @Test
    void itExpectsReadinessHealthAndAnUnauthenticatedProblemFromOrionsApi() {
        String script = String.join("\n", container.getArgs());

        assertThat(script)
                .contains("$ORION_MANAGEMENT/actuator/health/readiness")
                .contains("$NEBULA_MANAGEMENT/actuator/health/readiness")
                .contains("$GATEKEEPER_MANAGEMENT/actuator/health")
                .contains("'*\"status\":\"UP\"*'")
                .contains("$ORION_API/v1/clusters")
                .contains("urn:dbaas:problem:unauthenticated* 401 application/problem+json")
                .contains("exit $failed");
        assertThat(container.getCommand()).containsExactly("/bin/sh", "-c");
    }

    @Test
    void theNetworkPoliciesAdmitTheTestPodOnEveryPortItCallsAndOnNoOther() {
        Map<String, String> labels = pod.getMetadata().getLabels();

        assertThat(portsAdmittedFor(labels, "orion")).containsExactlyInAnyOrder(8080, 9080);
        assertThat(portsAdmittedFor(labels, "nebula")).containsExactly(8081);
        assertThat(portsAdmittedFor(labels, "gatekeeper")).containsExactly(9000);
        targets().values().forEach(target -> assertThat(portsAdmittedFor(labels, componentBehind(target)))
                .as("%s", target)
                .contains(containerPortBehind(target)));
    }

    @Test
    void withoutTestsThereIsNoPodAndNoRuleForIt() {
        Manifests withoutTests = HelmChart.renderWithHooks("tests: {enabled: false}");

        assertThat(withoutTests.all(Pod.class)).isEmpty();
        assertThat(withoutTests.all(NetworkPolicy.class))
                .flatMap(policy -> policy.getSpec().getIngress())
                .allSatisfy(rule -> assertThat(rule.getFrom())
                        .noneMatch(peer -> peer.getPodSelector() != null
                                && "dbaas-helm-test"
                                        .equals(peer.getPodSelector()
                                                .getMatchLabels()
                                                .get("app.kubernetes.io/name"))));
    }

    private Map<String, URI> targets() {
        return container.getEnv().stream()
                .collect(Collectors.toMap(EnvVar::getName, env -> URI.create(env.getValue())));
    }

    /** The URI names a Service of the chart in the release namespace, on one of its ports, with the given target. */
    private void assertServes(URI target, String serviceSuffix, String targetPortName) {
        Service service = manifests.service(serviceSuffix);
        assertThat(target.getScheme()).isEqualTo("http");
        assertThat(target.getHost()).isEqualTo(service.getMetadata().getName());
        ServicePort port = servicePort(service, target.getPort());
        assertThat(port.getTargetPort().getStrVal()).isEqualTo(targetPortName);
    }

    private static ServicePort servicePort(Service service, int number) {
        return service.getSpec().getPorts().stream()
                .filter(port -> port.getPort() == number)
                .findFirst()
                .orElseThrow(() -> new AssertionError(service.getMetadata().getName() + " has no port " + number));
    }

    private String componentBehind(URI target) {
        String host = target.getHost();
        return List.of("orion", "nebula", "gatekeeper").stream()
                .filter(component -> host.startsWith(Manifests.fullName(component)))
                .findFirst()
                .orElseThrow();
    }

    /** The container port a Service port leads to, through its named target port. */
    private int containerPortBehind(URI target) {
        Service service = manifests.named(
                Service.class, target.getHost().substring(Manifests.fullName("").length()));
        String portName = servicePort(service, target.getPort()).getTargetPort().getStrVal();
        Deployment deployment = manifests.deployment(componentBehind(target));
        return deployment.getSpec().getTemplate().getSpec().getContainers().getFirst().getPorts().stream()
                .filter(port -> portName.equals(port.getName()))
                .findFirst()
                .orElseThrow()
                .getContainerPort();
    }

    /** The ports of the component's NetworkPolicy open to pods with these labels in the release namespace. */
    private List<Integer> portsAdmittedFor(Map<String, String> labels, String component) {
        NetworkPolicy policy = manifests.named(NetworkPolicy.class, component);
        return policy.getSpec().getIngress().stream()
                .filter(rule -> admits(rule, labels))
                .flatMap(rule -> rule.getPorts().stream())
                .map(port -> port.getPort().getIntVal())
                .toList();
    }

    private static boolean admits(NetworkPolicyIngressRule rule, Map<String, String> labels) {
        return rule.getFrom().stream()
                .anyMatch(peer -> peer.getNamespaceSelector() == null
                        && peer.getIpBlock() == null
                        && peer.getPodSelector() != null
                        && labels.entrySet()
                                .containsAll(
                                        peer.getPodSelector().getMatchLabels().entrySet()));
    }
}
