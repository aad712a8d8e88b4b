package io.dbaas.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.helm.support.ExampleValues;
import io.dbaas.helm.support.HelmChart;
import io.dbaas.helm.support.Manifests;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;

/** GateKeeper is the public door: a load balancer on 80 or 443, kept available, its management port kept inside. */
class GateKeeperExposureTest {

    @Test
    void byDefaultALoadBalancerServesPlainHttpOnPort80AndKeepsTheClientAddress() {
        Service service = HelmChart.render().service("gatekeeper");

        assertThat(service.getSpec().getType()).isEqualTo("LoadBalancer");
        assertThat(service.getSpec().getExternalTrafficPolicy()).isEqualTo("Local");
        assertThat(service.getSpec().getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getPort()).isEqualTo(80);
            assertThat(port.getTargetPort().getStrVal()).isEqualTo("http");
        });
    }

    @Test
    void withTlsTheServiceServes443AndGateKeeperReadsTheCertificateFromTheSecret() {
        Manifests manifests = HelmChart.render(ExampleValues.MULTI_REGION);
        Service service = manifests.service("gatekeeper");
        Deployment deployment = manifests.deployment("gatekeeper");

        assertThat(service.getSpec().getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getPort()).isEqualTo(443);
            assertThat(port.getTargetPort().getStrVal()).isEqualTo("https");
        });
        var container = manifests.container("gatekeeper");
        assertThat(container.getPorts()).anySatisfy(port -> {
            assertThat(port.getName()).isEqualTo("https");
            assertThat(port.getContainerPort()).isEqualTo(8000);
        });
        assertThat(deployment.getSpec().getTemplate().getSpec().getVolumes())
                .filteredOn(volume -> volume.getSecret() != null)
                .singleElement()
                .satisfies(
                        volume -> assertThat(volume.getSecret().getSecretName()).isEqualTo("dbaas-gatekeeper-tls"));
        var config = manifests.springConfig("gatekeeper");
        assertThat(config.at("/gatekeeper/tls/enabled").asBoolean()).isTrue();
        assertThat(config.at("/gatekeeper/tls/bundle").asText()).isEqualTo("public");
        assertThat(config.at("/spring/ssl/bundle/pem/public/keystore/certificate")
                        .asText())
                .isEqualTo("file:/etc/gatekeeper/tls/tls.crt");
        assertThat(config.at("/gatekeeper/forwarding/trusted-proxies/0").asText())
                .isEqualTo("10.0.0.0/8");
    }

    @Test
    void theManagementPortIsNeverOnAClientFacingService() {
        Manifests manifests = HelmChart.render(ExampleValues.MULTI_REGION);

        assertThat(manifests.service("gatekeeper").getSpec().getPorts())
                .extracting(ServicePort::getPort)
                .doesNotContain(9000);
        assertThat(manifests.service("orion").getSpec().getPorts())
                .extracting(ServicePort::getPort)
                .containsExactly(8080);
        assertThat(manifests.service("gatekeeper-management").getSpec().getType())
                .isEqualTo("ClusterIP");
        assertThat(manifests.service("orion-management").getSpec().getType()).isEqualTo("ClusterIP");
    }

    @Test
    void twoReplicasKeptApartWithADisruptionBudget() {
        Manifests manifests = HelmChart.render();
        Deployment deployment = manifests.deployment("gatekeeper");
        PodDisruptionBudget budget = manifests.named(PodDisruptionBudget.class, "gatekeeper");

        assertThat(deployment.getSpec().getReplicas()).isGreaterThanOrEqualTo(2);
        assertThat(budget.getSpec().getMinAvailable().getIntVal()).isEqualTo(1);
        assertThat(budget.getSpec().getSelector().getMatchLabels())
                .isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
        var antiAffinity =
                deployment.getSpec().getTemplate().getSpec().getAffinity().getPodAntiAffinity();
        assertThat(antiAffinity.getPreferredDuringSchedulingIgnoredDuringExecution())
                .singleElement()
                .satisfies(term ->
                        assertThat(term.getPodAffinityTerm().getTopologyKey()).isEqualTo("kubernetes.io/hostname"));

        var required = HelmChart.render("gatekeeper: {antiAffinity: required}")
                .deployment("gatekeeper")
                .getSpec()
                .getTemplate()
                .getSpec()
                .getAffinity()
                .getPodAntiAffinity();
        assertThat(required.getRequiredDuringSchedulingIgnoredDuringExecution()).hasSize(1);
    }

    @Test
    void replicaCountsFollowEachServicesNature() {
        Manifests manifests = HelmChart.render();

        assertThat(manifests.deployment("orion").getSpec().getReplicas()).isEqualTo(2);
        assertThat(manifests.deployment("nebula").getSpec().getReplicas()).isEqualTo(1);
        assertThat(HelmChart.render("gatekeeper: {replicas: 4}")
                        .deployment("gatekeeper")
                        .getSpec()
                        .getReplicas())
                .isEqualTo(4);
    }
}
