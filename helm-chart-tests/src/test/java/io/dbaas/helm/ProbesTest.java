package io.dbaas.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.helm.support.HelmChart;
import io.dbaas.helm.support.Manifests;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Probes ask the actuator health groups, on the management port each service really listens on. */
class ProbesTest {

    private static final Manifests MANIFESTS = HelmChart.render();

    @ParameterizedTest(name = "{0}: management port {1}")
    @CsvSource({"orion, 9080", "gatekeeper, 9000", "nebula, 8081"})
    void livenessAndReadinessAskTheHealthGroupsOnTheManagementPort(String component, int managementPort) {
        Container container = container(component);

        assertThat(probedPort(container, container.getLivenessProbe())).isEqualTo(managementPort);
        assertThat(probedPort(container, container.getReadinessProbe())).isEqualTo(managementPort);
        assertThat(probedPort(container, container.getStartupProbe())).isEqualTo(managementPort);
        assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
        assertThat(container.getStartupProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/readiness");
        // Orion's readiness waits up to its 2 s database connection timeout (docs/operations/orion.md).
        assertThat(container.getReadinessProbe().getTimeoutSeconds()).isGreaterThanOrEqualTo(3);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"orion, 9080", "gatekeeper, 9000", "nebula, 8081"})
    void prometheusIsToldToScrapeTheManagementPort(String component, int managementPort) {
        var annotations = MANIFESTS
                .deployment(component)
                .getSpec()
                .getTemplate()
                .getMetadata()
                .getAnnotations();

        assertThat(annotations)
                .containsEntry("prometheus.io/scrape", "true")
                .containsEntry("prometheus.io/port", String.valueOf(managementPort))
                .containsEntry("prometheus.io/path", "/actuator/prometheus");
    }

    private static Container container(String component) {
        return MANIFESTS.container(component);
    }

    /** The container port a probe reaches, by number or by name; fails when the container declares no such port. */
    private static int probedPort(Container container, Probe probe) {
        assertThat(probe).as("probe of %s", container.getName()).isNotNull();
        IntOrString port = probe.getHttpGet().getPort();
        return container.getPorts().stream()
                .filter(declared -> port.getIntVal() != null
                        ? port.getIntVal().equals(declared.getContainerPort())
                        : port.getStrVal().equals(declared.getName()))
                .map(ContainerPort::getContainerPort)
                .findFirst()
                .orElseThrow(() -> new AssertionError(container.getName() + " declares no port " + port));
    }
}
