package io.dbaas.nebula.render;

import static io.dbaas.nebula.render.RenderRun.LOCAL_REGION;
import static io.dbaas.nebula.render.RenderRun.metadata;
import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.nebula.kubernetes.region.RegionClients;
import io.dbaas.nebula.security.MasterKeys;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

class RenderCommandTest {

    @Test
    void printsEveryObjectAsParseableMultiDocumentYamlInApplyOrder() {
        RenderRun run = RenderRun.of(RenderRun.qdrant());

        assertThat(run.status()).isZero();
        assertThat(run.err()).isEmpty();
        List<Map<String, Object>> documents = run.documents();
        assertThat(documents)
                .extracting(document -> document.get("kind"))
                .containsExactly(
                        "Namespace",
                        "Secret",
                        "Secret",
                        "Secret",
                        "ConfigMap",
                        "Service",
                        "Service",
                        "Service",
                        "PodDisruptionBudget",
                        "NetworkPolicy",
                        "StatefulSet");
        assertThat(documents)
                .allSatisfy(
                        document -> assertThat(metadata(document).get("name")).isNotNull());
        assertThat(run.out())
                .contains("image: \"docker.io/qdrant/qdrant:v1.19.0\"")
                .contains("dbaas-3f1c2b9a-8d4e-4f6a-b2c1-0a9e8d7c6b5a");
    }

    @Test
    void theMasterKeyIsAMarkedPlaceholderNeverAGeneratedKey() {
        Map<String, Object> secret =
                RenderRun.of(RenderRun.qdrant()).documents().get(1);

        assertThat(secret).doesNotContainKey("data");
        assertThat(secret.get("stringData")).isEqualTo(Map.of("api-key", Manifests.MASTER_KEY_PLACEHOLDER));
        assertThat(Manifests.MASTER_KEY_PLACEHOLDER)
                .startsWith("<placeholder")
                .doesNotMatch("[A-Za-z0-9]{" + MasterKeys.LENGTH + "}");
    }

    @Test
    void regionSettingsComeFromTheSameConfigurationAsTheServiceAndMayBeOverridden() {
        List<String> args = RenderRun.qdrant();
        args.add("--nebula.providers.minikube.regions.local.storage-class=fast-ssd");
        args.add("--nebula.providers.minikube.regions.local.exposure=load-balancer");

        assertThat(RenderRun.of(args).out())
                .contains("storageClassName: \"fast-ssd\"")
                .contains("type: \"LoadBalancer\"");
    }

    @Test
    void aSpecFileWorksLikeTheOptions(@TempDir Path directory) throws IOException {
        Path spec = directory.resolve("cluster.yaml");
        Files.writeString(spec, """
                engine: qdrant
                version: 1.19.0
                nodes: 1
                cpu: 500m
                memory: 1Gi
                disk: 5Gi
                provider: minikube
                region: local
                """);

        RenderRun run = RenderRun.of("--spec=" + spec, LOCAL_REGION);

        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("replicas: 1").contains("storage: \"5Gi\"");
    }

    @Test
    void whatCannotBeRenderedIsSaidOnStandardErrorWithNothingOnStandardOutput() {
        RenderRun incomplete = RenderRun.of("--engine=qdrant", "--version=1.19.0");
        assertThat(incomplete.status()).isEqualTo(RenderCommand.USAGE_ERROR);
        assertThat(incomplete.err()).contains("missing --nodes, --cpu, --memory, --disk, --provider, --region");
        assertThat(incomplete.out()).isEmpty();

        List<String> elsewhere = RenderRun.qdrant();
        elsewhere.set(6, "--provider=aws");
        RenderRun unknownRegion = RenderRun.of(elsewhere);
        assertThat(unknownRegion.status()).isEqualTo(RenderCommand.USAGE_ERROR);
        assertThat(unknownRegion.err()).contains("no region aws/local is configured; configured: minikube/local");

        List<String> latest = RenderRun.qdrant();
        latest.set(1, "--version=latest");
        RenderRun invalidVersion = RenderRun.of(latest);
        assertThat(invalidVersion.status()).isEqualTo(RenderCommand.USAGE_ERROR);
        assertThat(invalidVersion.err()).contains("'latest'");
        assertThat(invalidVersion.out()).isEmpty();
    }

    @Test
    void theDefaultConfigurationNamesNoRegion() {
        List<String> args = RenderRun.qdrant();
        args.remove(LOCAL_REGION);

        RenderRun run = RenderRun.of(args);

        assertThat(run.status()).isEqualTo(RenderCommand.USAGE_ERROR);
        assertThat(run.err()).contains("no region minikube/local is configured; configured: none");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void elasticsearchRendersWithPlaceholdersForThePasswordEveryTlsEntryAndTheUsersNeverKeyMaterial() {
        RenderRun run = RenderRun.of(RenderRun.elasticsearch());

        assertThat(run.status()).isZero();
        List<Map<String, Object>> documents = run.documents();
        assertThat(documents)
                .extracting(document -> document.get("kind"))
                .containsExactly(
                        "Namespace",
                        "Secret",
                        "Secret",
                        "Secret",
                        "Secret",
                        "ConfigMap",
                        "ConfigMap",
                        "Service",
                        "Service",
                        "PodDisruptionBudget",
                        "NetworkPolicy",
                        "StatefulSet");
        assertThat(documents.get(1).get("stringData")).isEqualTo(Map.of("elastic", Manifests.MASTER_KEY_PLACEHOLDER));
        assertThat(documents.get(2).get("stringData"))
                .isEqualTo(
                        Map.of("ca.crt", Manifests.GENERATED_PLACEHOLDER, "ca.key", Manifests.GENERATED_PLACEHOLDER));
        assertThat(documents.get(3).get("stringData"))
                .isEqualTo(Map.of(
                        "tls.crt", Manifests.GENERATED_PLACEHOLDER,
                        "tls.key", Manifests.GENERATED_PLACEHOLDER,
                        "ca.crt", Manifests.GENERATED_PLACEHOLDER));
        assertThat(documents.get(4).get("stringData"))
                .isEqualTo(Map.of(
                        "users", Manifests.GENERATED_PLACEHOLDER,
                        "users_roles", Manifests.GENERATED_PLACEHOLDER,
                        "dbaas-node.password", Manifests.GENERATED_PLACEHOLDER));
        assertThat(documents.subList(1, 5))
                .allSatisfy(secret -> assertThat(secret).doesNotContainKey("data"));
        assertThat(run.out())
                .contains("image: \"docker.elastic.co/elasticsearch/elasticsearch:8.15.3\"")
                .doesNotContain("BEGIN CERTIFICATE", "PRIVATE KEY");
    }

    @Test
    void renderModeStartsNoWebServerNoKafkaListenerAndNoKubernetesClient() {
        try (ConfigurableApplicationContext context =
                RenderCommand.start(RenderRun.qdrant().toArray(String[]::new))) {
            assertThat(context).isNotInstanceOf(WebServerApplicationContext.class);
            assertThat(context.getBeanNamesForType(KafkaListenerEndpointRegistry.class))
                    .isEmpty();
            assertThat(context.getBeanNamesForType(KubernetesClient.class)).isEmpty();
            assertThat(context.getBeanNamesForType(RegionClients.class)).isEmpty();
        }
    }
}
