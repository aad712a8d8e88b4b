package io.dbaas.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbaas.helm.support.ExampleValues;
import io.dbaas.helm.support.HelmChart;
import io.dbaas.helm.support.Manifests;
import io.dbaas.helm.support.MonitoringValues;
import io.dbaas.kubernetes.schema.KubernetesSchemas;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every object the chart renders is one the API server accepts, field for field (strict schemas). */
class RenderedManifestsSchemaTest {

    static Stream<Arguments> renderings() {
        return Stream.of(
                Arguments.of("default values, helm test's pod", HelmChart.renderWithHooks()),
                Arguments.of(
                        "several regions, TLS, SASL, ServiceMonitor",
                        HelmChart.renderWithHooks(ExampleValues.MULTI_REGION)),
                Arguments.of(
                        "ServiceMonitors, PrometheusRule and dashboards",
                        HelmChart.renderWithHooks(MonitoringValues.EVERY_MONITORING_OBJECT)),
                Arguments.of(
                        "Kafka with a SCRAM user per service over TLS",
                        HelmChart.renderWithHooks(ExampleValues.KAFKA_SCRAM_OVER_TLS)),
                Arguments.of("no NetworkPolicies, no in-cluster region", HelmChart.renderWithHooks("""
                                networkPolicy: {enabled: false}
                                metrics: {podAnnotations: false}
                                regions:
                                  - provider: azure
                                    region: westeurope
                                    kubernetes: {context: westeurope}
                                    exposure: load-balancer
                                    gatekeeper: {ipBlocks: [198.51.100.7/32]}
                                nebula:
                                  kubeconfig: {existingSecret: dbaas-nebula-kubeconfig}
                                """)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void everyRenderedObjectMatchesItsKubernetesSchema(String description, Manifests manifests) {
        assertThat(manifests.documents()).isNotEmpty().allSatisfy(document -> assertThat(
                        KubernetesSchemas.strict().violations(document))
                .as(
                        "%s %s",
                        document.path("kind").asText(),
                        document.at("/metadata/name").asText())
                .isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void everyRenderedObjectReadsAsAKubernetesObjectWithANameAndTheReleaseLabels(
            String description, Manifests manifests) {
        assertThat(manifests.objects()).allSatisfy(object -> {
            assertThat(object.getMetadata().getName()).matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
            assertThat(object.getMetadata().getLabels())
                    .containsEntry("app.kubernetes.io/instance", HelmChart.RELEASE)
                    .containsEntry("app.kubernetes.io/part-of", "dbaas-control-plane");
            if (!isClusterScoped(object)) {
                assertThat(object.getMetadata().getNamespace()).isEqualTo(HelmChart.NAMESPACE);
            }
        });
        // Only the Prometheus Operator's kinds are unknown to fabric8's model.
        assertThat(manifests.all(GenericKubernetesResource.class))
                .allSatisfy(object -> assertThat(object.getKind()).isIn("ServiceMonitor", "PrometheusRule"));
    }

    @Test
    void theStrictSchemasCatchAMisspelledOrMisplacedField() {
        JsonNode deployment = HelmChart.render().documents().stream()
                .filter(document -> document.path("kind").asText().equals("Deployment"))
                .findFirst()
                .orElseThrow()
                .deepCopy();
        ObjectNode container = (ObjectNode) deployment.at("/spec/template/spec/containers/0");
        container.set("readinessprobe", container.get("readinessProbe"));
        ObjectNode podSpec = (ObjectNode) deployment.at("/spec/template/spec");
        podSpec.put("readOnlyRootFilesystem", true);

        assertThat(KubernetesSchemas.strict().violations(deployment))
                .anyMatch(message -> message.contains("readinessprobe"))
                .anyMatch(message -> message.contains("readOnlyRootFilesystem"));
    }

    @Test
    void theStrictSchemasCatchAMisspelledFieldOfAnAlertOrAServiceMonitor() {
        Manifests manifests = HelmChart.render(MonitoringValues.EVERY_MONITORING_OBJECT);
        JsonNode rule = monitoringObject(manifests, "PrometheusRule");
        ((ObjectNode) rule.at("/spec/groups/0/rules/0"))
                .set("annotation", rule.at("/spec/groups/0/rules/0/annotations"));
        ((ObjectNode) rule.at("/spec/groups/0")).remove("name");
        JsonNode serviceMonitor = monitoringObject(manifests, "ServiceMonitor");
        ((ObjectNode) serviceMonitor.at("/spec/endpoints/0")).put("intervall", "30s");

        assertThat(KubernetesSchemas.strict().violations(rule))
                .anyMatch(message -> message.contains("annotation"))
                .anyMatch(message -> message.contains("name"));
        assertThat(KubernetesSchemas.strict().violations(serviceMonitor))
                .anyMatch(message -> message.contains("intervall"));
    }

    private static JsonNode monitoringObject(Manifests manifests, String kind) {
        return manifests.documents().stream()
                .filter(document -> document.path("kind").asText().equals(kind))
                .findFirst()
                .orElseThrow()
                .deepCopy();
    }

    private static boolean isClusterScoped(HasMetadata object) {
        return List.of("ClusterRole", "ClusterRoleBinding").contains(object.getKind());
    }
}
