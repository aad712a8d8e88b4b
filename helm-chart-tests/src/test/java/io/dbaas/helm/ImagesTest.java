package io.dbaas.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dbaas.helm.support.HelmChart;
import io.dbaas.helm.support.Manifests;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The chart runs the product's own images, as the Maven build names and tags them, as the user they are made for. */
class ImagesTest {

    private static final Map<String, String> REPOSITORIES = Map.of(
            "orion", "dbaas/orion-api",
            "nebula", "dbaas/nebula-provisioner",
            "gatekeeper", "dbaas/gatekeeper-proxy");

    @Test
    void theDefaultImagesAreTheProductsImagesAtTheChartsAppVersionUsedWhenAlreadyOnTheNode() throws IOException {
        Manifests manifests = HelmChart.render();
        String appVersion = new ObjectMapper(new YAMLFactory())
                .readTree(Files.readString(HelmChart.DIRECTORY.resolve("Chart.yaml")))
                .path("appVersion")
                .asText();

        assertThat(appVersion).isEqualTo("0.1.0-SNAPSHOT");
        REPOSITORIES.forEach((component, repository) -> {
            assertThat(manifests.container(component).getImage()).isEqualTo(repository + ":" + appVersion);
            assertThat(manifests.container(component).getImagePullPolicy()).isEqualTo("IfNotPresent");
        });
    }

    @Test
    void aRegistryPrefixesEveryRepositoryAndTagsCanBeSetForAllOrOne() {
        Manifests manifests = HelmChart.render("""
                image: {registry: registry.example.com/, tag: "0.2.0"}
                gatekeeper:
                  image: {tag: "0.2.1"}
                """);

        assertThat(manifests.container("orion").getImage()).isEqualTo("registry.example.com/dbaas/orion-api:0.2.0");
        assertThat(manifests.container("nebula").getImage())
                .isEqualTo("registry.example.com/dbaas/nebula-provisioner:0.2.0");
        assertThat(manifests.container("gatekeeper").getImage())
                .isEqualTo("registry.example.com/dbaas/gatekeeper-proxy:0.2.1");
    }

    @Test
    void everyPodRunsAsTheImagesUserAndGroup10001() {
        assertThat(HelmChart.render().all(Deployment.class)).hasSize(3).allSatisfy(deployment -> {
            PodSecurityContext security =
                    deployment.getSpec().getTemplate().getSpec().getSecurityContext();
            assertThat(security.getRunAsUser()).isEqualTo(10001L);
            assertThat(security.getRunAsGroup()).isEqualTo(10001L);
            assertThat(security.getFsGroup()).isEqualTo(10001L);
        });
    }
}
