package io.dbaas.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbaas.helm.support.ExampleValues;
import io.dbaas.helm.support.HelmChart;
import io.dbaas.helm.support.Manifests;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * kafka.tls and kafka.sasl: each service logs in to Kafka as its own SCRAM principal over TLS, its password from its
 * own Secret and the brokers' CA certificate mounted from an existing Secret; nothing secret in the rendered objects.
 */
class KafkaSecurityTest {

    private static final String SCRAM_OVER_TLS = ExampleValues.KAFKA_SCRAM_OVER_TLS;
    private static final String CA_FILE = "/etc/dbaas/kafka-tls/ca.crt";

    private final Manifests manifests = HelmChart.render(SCRAM_OVER_TLS);

    @ParameterizedTest(name = "{0} logs in as {1}")
    @CsvSource({"orion, dbaas-orion", "nebula, dbaas-nebula", "gatekeeper, dbaas-gatekeeper"})
    void everyServiceLogsInAsItsOwnPrincipalOverTls(String component, String username) {
        JsonNode properties = kafkaProperties(component);

        assertThat(properties.path("[security.protocol]").asText()).isEqualTo("SASL_SSL");
        assertThat(properties.path("[sasl.mechanism]").asText()).isEqualTo("SCRAM-SHA-512");
        assertThat(properties.path("[sasl.jaas.config]").asText())
                .isEqualTo("org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + username
                        + "\" password=\"${DBAAS_KAFKA_SASL_PASSWORD}\";");
        assertThat(properties.path("[ssl.truststore.type]").asText()).isEqualTo("PEM");
        assertThat(properties.path("[ssl.truststore.location]").asText()).isEqualTo(CA_FILE);
        assertThat(manifests
                        .springConfig(component)
                        .at("/spring/kafka/bootstrap-servers")
                        .asText())
                .isEqualTo("dbaas-kafka-bootstrap.kafka.svc:9093");
    }

    @ParameterizedTest(name = "{0} reads {1}")
    @CsvSource({"orion, dbaas-orion/password", "nebula, dbaas-nebula/password", "gatekeeper, dbaas-gatekeeper-kafka/pw"
    })
    void everyServiceReadsItsOwnPasswordFromItsOwnSecret(String component, String secretAndKey) {
        EnvVar password = env(component, "DBAAS_KAFKA_SASL_PASSWORD");

        assertThat(password.getValue()).isNull();
        var reference = password.getValueFrom().getSecretKeyRef();
        assertThat(reference.getName() + "/" + reference.getKey()).isEqualTo(secretAndKey);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"orion", "nebula", "gatekeeper"})
    void theCaCertificateAloneIsMountedReadOnlyWhereTheTruststoreSettingPoints(String component) {
        Container container = manifests.container(component);
        VolumeMount mount = container.getVolumeMounts().stream()
                .filter(candidate -> candidate.getName().equals("kafka-tls"))
                .findFirst()
                .orElseThrow();
        assertThat(mount.getMountPath() + "/ca.crt").isEqualTo(CA_FILE);
        assertThat(mount.getReadOnly()).isTrue();

        Volume volume = manifests.deployment(component).getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(candidate -> candidate.getName().equals("kafka-tls"))
                .findFirst()
                .orElseThrow();
        assertThat(volume.getSecret().getSecretName()).isEqualTo("dbaas-kafka-cluster-ca-cert");
        assertThat(volume.getSecret().getItems()).singleElement().satisfies(item -> {
            assertThat(item.getKey()).isEqualTo("ca.crt");
            assertThat(item.getPath()).isEqualTo("ca.crt");
        });
    }

    @Test
    void noConfigMapOrEnvironmentLiteralCarriesAPasswordOnlyThePlaceholder() {
        for (ConfigMap configMap : manifests.all(ConfigMap.class)) {
            assertThat(String.join("\n", configMap.getData().values()))
                    .as(configMap.getMetadata().getName())
                    .doesNotContainPattern("password=\"[^$]");
        }
        for (String component : List.of("orion", "nebula", "gatekeeper")) {
            assertThat(manifests.container(component).getEnv())
                    .filteredOn(variable -> variable.getValue() != null)
                    .allSatisfy(variable -> assertThat(variable.getValue()).doesNotContainIgnoringCase("password"));
        }
    }

    @Test
    void withTopicCreationOffNoServiceDeclaresTopicsAtStart() {
        for (String component : List.of("orion", "nebula", "gatekeeper")) {
            assertThat(manifests
                            .springConfig(component)
                            .at("/spring/kafka/admin/auto-create")
                            .asBoolean(true))
                    .as(component)
                    .isFalse();
        }
        assertThat(HelmChart.render()
                        .springConfig("orion")
                        .at("/spring/kafka/admin/auto-create")
                        .isMissingNode())
                .isTrue();
    }

    @Test
    void withoutTlsAndSaslTheClientsKeepKafkasDefaultsAndMountNothing() {
        Manifests plain = HelmChart.render();

        for (String component : List.of("orion", "nebula", "gatekeeper")) {
            assertThat(plain.springConfig(component)
                            .at("/spring/kafka/properties")
                            .isMissingNode())
                    .isTrue();
            assertThat(plain.container(component).getVolumeMounts())
                    .noneMatch(mount -> mount.getName().equals("kafka-tls"));
            assertThat(plain.container(component).getEnv())
                    .noneMatch(variable -> variable.getName().equals("DBAAS_KAFKA_SASL_PASSWORD"));
        }
    }

    @Test
    void saslWithoutTlsIsSaslPlaintextAndTlsWithoutSaslIsSsl() {
        Manifests saslOnly = HelmChart.render(SCRAM_OVER_TLS, "kafka: {tls: {enabled: false}}");
        Manifests tlsOnly = HelmChart.render(SCRAM_OVER_TLS, "kafka: {sasl: {enabled: false}}");

        assertThat(kafkaProperties(saslOnly, "orion")
                        .path("[security.protocol]")
                        .asText())
                .isEqualTo("SASL_PLAINTEXT");
        assertThat(kafkaProperties(saslOnly, "orion").has("[ssl.truststore.location]"))
                .isFalse();
        assertThat(kafkaProperties(tlsOnly, "nebula")
                        .path("[security.protocol]")
                        .asText())
                .isEqualTo("SSL");
        assertThat(kafkaProperties(tlsOnly, "nebula").has("[sasl.jaas.config]")).isFalse();
    }

    @Test
    void anExplicitPropertyWinsOverWhatTlsAndSaslRender() {
        Manifests manifests = HelmChart.render(SCRAM_OVER_TLS, "kafka: {properties: {sasl.mechanism: SCRAM-SHA-256}}");

        assertThat(kafkaProperties(manifests, "gatekeeper")
                        .path("[sasl.mechanism]")
                        .asText())
                .isEqualTo("SCRAM-SHA-256");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "kafka: {tls: {caSecret: {name: ''}}}                   | kafka.tls.enabled needs kafka.tls.caSecret.name",
                "kafka: {sasl: {users: {nebula: {existingSecret: ''}}}} | kafka.sasl.users.nebula.existingSecret is required",
                "kafka: {sasl: {users: {orion: {username: ''}}}}        | kafka.sasl.users.orion.username is required",
                "kafka: {secretProperties: [{property: sasl.jaas.config, secretName: s, key: k}]} | use one or the other",
                "kafka: {sasl: {mechanism: PLAIN}}                      | mechanism",
                "kafka: {tls: {enabeld: true}}                          | enabeld"
            })
    void anIncompleteOrContradictorySecuritySettingStopsTheRendering(String values, String message) {
        assertThat(HelmChart.refusal(SCRAM_OVER_TLS, values)).contains(message);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"kafka.md", "helm.md"})
    void theValuesTheOperationsDocsGiveRenderAUserPerServiceOverTls(String page) throws IOException {
        String values = yamlBlockSettingSasl(HelmChart.INSTALL_GUIDE.resolveSibling(page));

        Manifests documented = HelmChart.render(values);

        for (String component : List.of("orion", "nebula", "gatekeeper")) {
            assertThat(kafkaProperties(documented, component)
                            .path("[security.protocol]")
                            .asText())
                    .isEqualTo("SASL_SSL");
            assertThat(kafkaProperties(documented, component)
                            .path("[sasl.jaas.config]")
                            .asText())
                    .contains("username=\"dbaas-" + component + "\"");
            assertThat(documented
                            .springConfig(component)
                            .at("/spring/kafka/admin/auto-create")
                            .asBoolean(true))
                    .isFalse();
        }
    }

    /** The values block of a page that turns SASL on (the one an operator copies). */
    private static String yamlBlockSettingSasl(Path page) throws IOException {
        Matcher blocks = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(page));
        while (blocks.find()) {
            if (blocks.group(1).contains("  sasl:\n    enabled: true")) {
                return blocks.group(1);
            }
        }
        throw new AssertionError(page + " shows no values with kafka.sasl.enabled");
    }

    private JsonNode kafkaProperties(String component) {
        return kafkaProperties(manifests, component);
    }

    private static JsonNode kafkaProperties(Manifests manifests, String component) {
        return manifests.springConfig(component).at("/spring/kafka/properties");
    }

    private EnvVar env(String component, String name) {
        return manifests.container(component).getEnv().stream()
                .filter(variable -> variable.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + " in " + component));
    }
}
