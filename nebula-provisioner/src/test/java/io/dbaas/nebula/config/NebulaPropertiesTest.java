package io.dbaas.nebula.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbaas.nebula.config.KubernetesAccess.Mode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

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
    void theTokenNeverShowsInToString() {
        KubernetesAccess access = new KubernetesAccess("", "https://api", "secret-token", false, false);

        assertThat(access.toString()).doesNotContain("secret-token");
    }

    private static RegionProperties bind(Map<String, String> properties) {
        NebulaProperties nebula = new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("nebula", NebulaProperties.class);
        assertThat(nebula.topics().partitions()).isEqualTo(6);
        return nebula.providers().get("minikube").regions().get("local");
    }
}
