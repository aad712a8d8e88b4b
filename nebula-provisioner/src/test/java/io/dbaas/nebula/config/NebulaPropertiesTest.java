package io.dbaas.nebula.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbaas.nebula.config.KubernetesAccess.Mode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;

class NebulaPropertiesTest {

    private static final String LOCAL = "nebula.providers.minikube.regions.local.";

    @Test
    void aRegionWithOnlyAnEmptyContextUsesTheCurrentKubeconfigContextAndTheDefaults() {
        RegionProperties local = bind(Map.of(LOCAL + "kubernetes.context", ""));

        assertThat(local.kubernetes().mode()).isEqualTo(Mode.KUBECONFIG);
        assertThat(local.kubernetes().contextOrNull()).isNull();
        assertThat(local.exposure()).isEqualTo(Exposure.CLUSTER_IP);
        assertThat(local.clusterDomain()).isEqualTo("cluster.local");
        assertThat(local.storageClass()).isEmpty();
        assertThat(local.serviceAnnotations()).isEmpty();
    }

    @Test
    void anApiUrlOverridesAnEmptyDefaultContext() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(LOCAL + "kubernetes.context", "");
        properties.put(LOCAL + "kubernetes.api-url", "http://127.0.0.1:6443");
        properties.put(LOCAL + "exposure", "load-balancer");
        properties.put(LOCAL + "service-annotations.[service.beta.kubernetes.io/aws-load-balancer-internal]", "true");

        RegionProperties local = bind(properties);

        assertThat(local.kubernetes().mode()).isEqualTo(Mode.API_URL);
        assertThat(local.exposure()).isEqualTo(Exposure.LOAD_BALANCER);
        assertThat(local.serviceAnnotations())
                .containsEntry("service.beta.kubernetes.io/aws-load-balancer-internal", "true");
    }

    @Test
    void twoWaysToReachOneApiAreRefused() {
        assertThatThrownBy(() -> bind(Map.of(
                        LOCAL + "kubernetes.context", "minikube",
                        LOCAL + "kubernetes.api-url", "http://127.0.0.1:6443")))
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessageContaining("either kubernetes.context or kubernetes.api-url");
        assertThatThrownBy(() -> bind(Map.of(
                        LOCAL + "kubernetes.in-cluster", "true",
                        LOCAL + "kubernetes.context", "minikube")))
                .isInstanceOf(BindException.class);
    }

    @Test
    void noClusterIsScrapedByDefaultAndTheMonitoringNamespaceBindsGloballyAndPerRegion() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(LOCAL + "kubernetes.context", "");
        properties.put(LOCAL + "prometheus-operator", "true");
        properties.put(LOCAL + "monitoring.namespace-selector.[kubernetes.io/metadata.name]", "observability");
        properties.put("nebula.providers.minikube.regions.other.kubernetes.context", "");

        NebulaProperties unscraped = bindNebula(properties);
        RegionProperties other = unscraped.providers().get("minikube").regions().get("other");
        assertThat(other.prometheusOperator()).isFalse();
        assertThat(unscraped.monitoringFor(other)).isEmpty();

        properties.put("nebula.monitoring.namespace-selector.[kubernetes.io/metadata.name]", "monitoring");
        properties.put("nebula.monitoring.pod-selector.[app.kubernetes.io/name]", "prometheus");
        NebulaProperties nebula = bindNebula(properties);
        RegionProperties local = nebula.providers().get("minikube").regions().get("local");

        assertThat(local.prometheusOperator()).isTrue();
        assertThat(nebula.monitoringFor(local).orElseThrow().namespaceSelector())
                .isEqualTo(Map.of("kubernetes.io/metadata.name", "observability"));
        assertThat(nebula.monitoringFor(
                                nebula.providers().get("minikube").regions().get("other"))
                        .orElseThrow())
                .isEqualTo(new MonitoringPeers(
                        Map.of("kubernetes.io/metadata.name", "monitoring"),
                        Map.of("app.kubernetes.io/name", "prometheus")));
    }

    @Test
    void aMonitoringSettingWithoutANamespaceSelectorStopsTheStart() {
        assertThatThrownBy(() -> bindNebula(Map.of(
                        LOCAL + "kubernetes.context",
                        "",
                        "nebula.monitoring.pod-selector.[app.kubernetes.io/name]",
                        "prometheus")))
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessageContaining("namespace-selector");
    }

    @Test
    void gatekeeperPeersDefaultToTheChartsNamespaceAndARegionMayReplaceThem() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(LOCAL + "kubernetes.context", "");
        properties.put(LOCAL + "zones[0]", "eu-west-1a");
        properties.put(LOCAL + "zones[1]", "eu-west-1b");
        properties.put(LOCAL + "gatekeeper.ip-blocks[0]", "10.0.0.0/16");
        properties.put("nebula.providers.minikube.regions.other.kubernetes.context", "");

        NebulaProperties nebula = bindNebula(properties);
        RegionProperties local = nebula.providers().get("minikube").regions().get("local");
        RegionProperties other = nebula.providers().get("minikube").regions().get("other");

        assertThat(local.zones()).containsExactly("eu-west-1a", "eu-west-1b");
        assertThat(nebula.gatekeeperFor(local).ipBlocks()).containsExactly("10.0.0.0/16");
        assertThat(nebula.gatekeeperFor(local).selectsPods()).isFalse();
        assertThat(nebula.gatekeeperFor(other)).isEqualTo(GatekeeperPeers.DEFAULT);
        assertThat(GatekeeperPeers.DEFAULT.namespaceSelector())
                .containsEntry("kubernetes.io/metadata.name", "dbaas-system");
        assertThat(GatekeeperPeers.DEFAULT.podSelector()).containsEntry("app.kubernetes.io/name", "gatekeeper-proxy");
    }

    @Test
    void aGlobalGatekeeperSelectorReplacesTheDefaultInsteadOfMergingWithIt() {
        NebulaProperties nebula = bindNebula(Map.of("nebula.gatekeeper.pod-selector.app", "gk"));

        assertThat(nebula.gatekeeper().podSelector()).isEqualTo(Map.of("app", "gk"));
        assertThat(nebula.gatekeeper().namespaceSelector()).isEmpty();
    }

    @Test
    void gatekeeperPeersThatWouldAdmitEveryPodOrAreNotCidrsAreRefused() {
        assertThatThrownBy(() -> new GatekeeperPeers(Map.of(), Map.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("would admit every pod");
        assertThatThrownBy(() -> new GatekeeperPeers(Map.of(), Map.of(), List.of("gatekeeper.local")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CIDR");
    }

    @Test
    void theTokenNeverShowsInToString() {
        KubernetesAccess access = new KubernetesAccess("", "https://api", "secret-token", false, false);

        assertThat(access.toString()).doesNotContain("secret-token");
    }

    @Test
    void renderingChangesRollNoClusterUnlessABudgetIsSetAndABudgetIsNeverNegative() {
        assertThat(bindNebula(Map.of()).status().renderingRollouts()).isZero();
        assertThat(bindNebula(Map.of("nebula.status.rendering-rollouts", "2"))
                        .status()
                        .renderingRollouts())
                .isEqualTo(2);
        assertThatThrownBy(() -> bindNebula(Map.of("nebula.status.rendering-rollouts", "-1")))
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessageContaining("nebula.status.rendering-rollouts cannot be negative");
    }

    /** Spring merges maps across configuration sources: a region written there would be in every install. */
    @Test
    void theDefaultConfigurationNamesNoRegion() throws IOException {
        var sources =
                new YamlPropertySourceLoader().load("application.yaml", new ClassPathResource("application.yaml"));

        NebulaProperties nebula =
                new Binder(ConfigurationPropertySources.from(sources)).bindOrCreate("nebula", NebulaProperties.class);

        assertThat(nebula.providers()).isEmpty();
    }

    private static RegionProperties bind(Map<String, String> properties) {
        NebulaProperties nebula = bindNebula(properties);
        assertThat(nebula.topics().partitions()).isEqualTo(6);
        return nebula.providers().get("minikube").regions().get("local");
    }

    private static NebulaProperties bindNebula(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("nebula", NebulaProperties.class);
    }
}
