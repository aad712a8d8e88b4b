package io.dbaas.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dbaas.helm.support.ExampleValues;
import io.dbaas.helm.support.HelmChart;
import io.dbaas.helm.support.Manifests;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Secrets are created by the operator and referenced by name; the chart never carries secret material. */
class SecretReferencesTest {

    private final Manifests manifests = HelmChart.render(ExampleValues.MULTI_REGION);

    @Test
    void theChartRendersNoSecret() {
        assertThat(manifests.ofKind("Secret")).isEmpty();
        assertThat(manifests.documents())
                .noneMatch(document ->
                        document.has("data") && !document.path("kind").asText().equals("ConfigMap"));
    }

    @Test
    void valuesYamlHoldsNoSecretMaterialOnlyEmptyReferences() throws IOException {
        JsonNode values = new ObjectMapper(new YAMLFactory())
                .readTree(Files.readString(HelmChart.DIRECTORY.resolve("values.yaml")));
        Map<String, String> references = new TreeMap<>();
        collectSecretLikeSettings("", values, references);

        assertThat(references)
                .containsKeys(
                        "keyEncryptionKey.existingSecret",
                        "orion.database.existingSecret",
                        "orion.bootstrapAdminToken.existingSecret",
                        "nebula.database.existingSecret",
                        "gatekeeper.tls.existingSecret",
                        "kafka.sasl.users.orion.existingSecret",
                        "kafka.sasl.users.nebula.existingSecret",
                        "kafka.sasl.users.gatekeeper.existingSecret")
                .allSatisfy((path, value) -> assertThat(value).as(path).isEmpty());
    }

    /** Every scalar whose name says it could be a secret or a password, except the names of keys inside a Secret. */
    private static void collectSecretLikeSettings(String path, JsonNode node, Map<String, String> found) {
        node.properties().forEach(entry -> {
            String name = path.isEmpty() ? entry.getKey() : path + "." + entry.getKey();
            JsonNode value = entry.getValue();
            if (value.isObject()) {
                collectSecretLikeSettings(name, value, found);
            } else if (value.isValueNode()
                    && entry.getKey().matches("(?i).*(secret|password|token|credential).*")
                    && !entry.getKey().endsWith("Key")) {
                found.put(name, value.asText());
            }
        });
    }

    @Test
    void everyServiceReadsTheSameKeyEncryptionKeySecret() {
        assertThat(manifests.all(Deployment.class)).hasSize(3).allSatisfy(deployment -> assertThat(
                        secretOf(deployment, "DBAAS_KEY_ENCRYPTION_KEY"))
                .isEqualTo("dbaas-key-encryption-key/key-encryption-key"));
    }

    @Test
    void databaseCredentialsAndTheAdminTokenComeFromTheirSecrets() {
        Deployment orion = manifests.deployment("orion");
        Deployment nebula = manifests.deployment("nebula");

        assertThat(secretOf(orion, "SPRING_DATASOURCE_USERNAME")).isEqualTo("dbaas-orion-database/username");
        assertThat(secretOf(orion, "SPRING_DATASOURCE_PASSWORD")).isEqualTo("dbaas-orion-database/password");
        assertThat(secretOf(orion, "ORION_BOOTSTRAP_ADMIN_TOKEN")).isEqualTo("dbaas-orion-admin-token/admin-token");
        assertThat(secretOf(nebula, "SPRING_DATASOURCE_USERNAME")).isEqualTo("dbaas-nebula-database/username");
        assertThat(secretOf(nebula, "SPRING_DATASOURCE_PASSWORD")).isEqualTo("dbaas-nebula-database/password");
        assertThat(env(manifests.deployment("gatekeeper")))
                .doesNotContainKeys("SPRING_DATASOURCE_PASSWORD", "ORION_BOOTSTRAP_ADMIN_TOKEN");
        assertThat(env(nebula)).doesNotContainKey("ORION_BOOTSTRAP_ADMIN_TOKEN");
    }

    @Test
    void noEnvironmentVariableCarriesASecretValueInClear() {
        assertThat(manifests.all(Deployment.class))
                .allSatisfy(deployment -> assertThat(env(deployment).values()).allSatisfy(variable -> {
                    if (variable.getName().matches(".*(KEY|TOKEN|PASSWORD|USERNAME|SECRET.*)")) {
                        assertThat(variable.getValue()).as(variable.getName()).isNull();
                        assertThat(variable.getValueFrom().getSecretKeyRef()).isNotNull();
                    }
                }));
    }

    @Test
    void aMissingKeyEncryptionKeyReferenceStopsTheRenderingWithWhatToCreate() {
        String refusal = HelmChart.refusal("keyEncryptionKey: {existingSecret: \"\"}");

        assertThat(refusal)
                .contains("keyEncryptionKey.existingSecret is required")
                .contains("base64 of 32 random bytes")
                .contains("kubectl create secret generic");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "orion: {database: {existingSecret: ''}}         | orion.database.existingSecret is required",
                "nebula: {database: {existingSecret: ''}}        | nebula.database.existingSecret is required",
                "orion: {bootstrapAdminToken: {existingSecret: ''}} | orion.bootstrapAdminToken.existingSecret is required",
                "orion: {database: {url: ''}}                    | orion.database.url is required"
            })
    void everyOtherMissingReferenceStopsTheRenderingWithItsName(String values, String message) {
        assertThat(HelmChart.refusal(values)).contains(message);
    }

    @Test
    void theChartDefaultsAloneDoNotRenderBecauseNoSecretIsNamed() {
        assertThat(HelmChart.refusal(List.of())).contains("is required");
    }

    private static Map<String, EnvVar> env(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().getFirst().getEnv().stream()
                .collect(Collectors.toMap(EnvVar::getName, variable -> variable));
    }

    private static String secretOf(Deployment deployment, String variable) {
        EnvVar found = env(deployment).get(variable);
        assertThat(found)
                .as("%s in %s", variable, deployment.getMetadata().getName())
                .isNotNull();
        var reference = found.getValueFrom().getSecretKeyRef();
        return reference.getName() + "/" + reference.getKey();
    }
}
