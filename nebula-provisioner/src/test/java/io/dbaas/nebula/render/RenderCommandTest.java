package io.dbaas.nebula.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.nebula.kubernetes.RegionClients;
import io.dbaas.nebula.security.MasterKeys;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.yaml.snakeyaml.Yaml;

class RenderCommandTest {

    /** The region the specs below name; Nebula's default configuration has none. */
    private static final String LOCAL_REGION = "--nebula.providers.minikube.regions.local.kubernetes.context=";

    private static final String[] QDRANT = {
        "--engine=qdrant",
        "--version=1.15.5",
        "--nodes=3",
        "--cpu=1",
        "--memory=2Gi",
        "--disk=10Gi",
        "--provider=minikube",
        "--region=local",
        "--cluster-id=3f1c2b9a-8d4e-4f6a-b2c1-0a9e8d7c6b5a",
        LOCAL_REGION
    };

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void printsEveryObjectAsParseableMultiDocumentYamlInApplyOrder() {
        int status = render(QDRANT);

        assertThat(status).isZero();
        assertThat(err()).isEmpty();
        List<Map<String, Object>> documents = documents();
        assertThat(documents)
                .extracting(document -> document.get("kind"))
                .containsExactly(
                        "Namespace",
                        "Secret",
                        "ConfigMap",
                        "Service",
                        "Service",
                        "PodDisruptionBudget",
                        "NetworkPolicy",
                        "StatefulSet");
        assertThat(documents)
                .allSatisfy(
                        document -> assertThat(metadata(document).get("name")).isNotNull());
        assertThat(out())
                .contains("image: \"qdrant/qdrant:v1.15.5\"")
                .contains("dbaas-3f1c2b9a-8d4e-4f6a-b2c1-0a9e8d7c6b5a");
    }

    @Test
    void theMasterKeyIsAMarkedPlaceholderNeverAGeneratedKey() {
        render(QDRANT);

        Map<String, Object> secret = documents().get(1);
        assertThat(secret).doesNotContainKey("data");
        assertThat(secret.get("stringData")).isEqualTo(Map.of("api-key", Manifests.MASTER_KEY_PLACEHOLDER));
        assertThat(Manifests.MASTER_KEY_PLACEHOLDER)
                .startsWith("<placeholder")
                .doesNotMatch("[A-Za-z0-9]{" + MasterKeys.LENGTH + "}");
    }

    @Test
    void regionSettingsComeFromTheSameConfigurationAsTheServiceAndMayBeOverridden() {
        List<String> args = new ArrayList<>(List.of(QDRANT));
        args.add("--nebula.providers.minikube.regions.local.storage-class=fast-ssd");
        args.add("--nebula.providers.minikube.regions.local.exposure=load-balancer");

        render(args.toArray(String[]::new));

        assertThat(out()).contains("storageClassName: \"fast-ssd\"").contains("type: \"LoadBalancer\"");
    }

    @Test
    void aSpecFileWorksLikeTheOptions(@TempDir Path directory) throws IOException {
        Path spec = directory.resolve("cluster.yaml");
        Files.writeString(spec, """
                engine: qdrant
                version: 1.15.5
                nodes: 1
                cpu: 500m
                memory: 1Gi
                disk: 5Gi
                provider: minikube
                region: local
                """);

        int status = render("--spec=" + spec, LOCAL_REGION);

        assertThat(status).isZero();
        assertThat(out()).contains("replicas: 1").contains("storage: \"5Gi\"");
    }

    @Test
    void whatCannotBeRenderedIsSaidOnStandardErrorWithNothingOnStandardOutput() {
        assertThat(render("--engine=qdrant", "--version=1.15.5")).isEqualTo(RenderCommand.USAGE_ERROR);
        assertThat(err()).contains("missing --nodes, --cpu, --memory, --disk, --provider, --region");
        assertThat(out()).isEmpty();

        err.reset();
        List<String> elsewhere = new ArrayList<>(List.of(QDRANT));
        elsewhere.set(6, "--provider=aws");
        assertThat(render(elsewhere.toArray(String[]::new))).isEqualTo(RenderCommand.USAGE_ERROR);
        assertThat(err()).contains("no region aws/local is configured; configured: minikube/local");

        err.reset();
        List<String> latest = new ArrayList<>(List.of(QDRANT));
        latest.set(1, "--version=latest");
        assertThat(render(latest.toArray(String[]::new))).isEqualTo(RenderCommand.USAGE_ERROR);
        assertThat(err()).contains("'latest'");
        assertThat(out()).isEmpty();
    }

    @Test
    void theDefaultConfigurationNamesNoRegion() {
        List<String> args = new ArrayList<>(List.of(QDRANT));
        args.remove(LOCAL_REGION);

        assertThat(render(args.toArray(String[]::new))).isEqualTo(RenderCommand.USAGE_ERROR);
        assertThat(err()).contains("no region minikube/local is configured; configured: none");
        assertThat(out()).isEmpty();
    }

    @Test
    void elasticsearchRendersWithPlaceholdersForThePasswordEveryTlsEntryAndTheUsersNeverKeyMaterial() {
        List<String> args = new ArrayList<>(List.of(QDRANT));
        args.set(0, "--engine=elasticsearch");
        args.set(1, "--version=8.15.3");

        int status = render(args.toArray(String[]::new));

        assertThat(status).isZero();
        List<Map<String, Object>> documents = documents();
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
        assertThat(out())
                .contains("image: \"docker.elastic.co/elasticsearch/elasticsearch:8.15.3\"")
                .doesNotContain("BEGIN CERTIFICATE", "PRIVATE KEY");
    }

    @Test
    void renderModeStartsNoWebServerNoKafkaListenerAndNoKubernetesClient() {
        try (ConfigurableApplicationContext context = RenderCommand.start(QDRANT)) {
            assertThat(context).isNotInstanceOf(WebServerApplicationContext.class);
            assertThat(context.getBeanNamesForType(KafkaListenerEndpointRegistry.class))
                    .isEmpty();
            assertThat(context.getBeanNamesForType(KubernetesClient.class)).isEmpty();
            assertThat(context.getBeanNamesForType(RegionClients.class)).isEmpty();
        }
    }

    private int render(String... args) {
        return RenderCommand.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> documents() {
        return StreamSupport.stream(new Yaml().loadAll(out()).spliterator(), false)
                .filter(document -> document != null)
                .map(document -> (Map<String, Object>) document)
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> metadata(Map<String, Object> document) {
        return (Map<String, Object>) document.get("metadata");
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
