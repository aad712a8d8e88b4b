package io.dbaas.nebula.render;

import static io.dbaas.nebula.render.RenderRun.LOCAL_REGION;
import static io.dbaas.nebula.render.RenderRun.metadata;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbaas.kubernetes.schema.KubernetesSchemas;
import io.dbaas.nebula.security.MasterKeys;
import io.dbaas.nebula.security.tls.KeyPairs;
import io.dbaas.nebula.security.tls.Pem;
import io.dbaas.nebula.security.tls.SubjectAlternativeNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code render --with-secrets}: manifests a team can apply without the control plane, with credentials generated as
 * Nebula generates them at provisioning, and marked as the secret they are.
 */
class RenderWithSecretsTest {

    private static final KubernetesSchemas SCHEMAS = KubernetesSchemas.strict();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NAMESPACE = "dbaas-3f1c2b9a-8d4e-4f6a-b2c1-0a9e8d7c6b5a";

    static Stream<Arguments> engines() {
        return Stream.of(
                Arguments.of("qdrant", RenderRun.qdrant()), Arguments.of("elasticsearch", RenderRun.elasticsearch()));
    }

    @Test
    void elasticsearchSecretsHoldRealCredentialsThatBelongTogether() throws GeneralSecurityException {
        RenderRun run = RenderRun.of(withSecrets(RenderRun.elasticsearch()));

        assertThat(run.status()).isZero();
        assertThat(run.err()).isEmpty();
        Map<String, Map<String, String>> secrets = secretsInClear(run);
        String masterKey = secrets.get("elasticsearch-elastic-user").get("elastic");
        assertThat(masterKey).matches("[A-Za-z0-9]{" + MasterKeys.LENGTH + "}");

        Map<String, String> ca = secrets.get("elasticsearch-ca");
        Map<String, String> certs = secrets.get("elasticsearch-certs");
        X509Certificate caCertificate = Pem.certificate(ca.get("ca.crt"));
        X509Certificate nodeCertificate = Pem.certificate(certs.get("tls.crt"));
        nodeCertificate.verify(caCertificate.getPublicKey());
        assertThat(certs.get("ca.crt")).isEqualTo(ca.get("ca.crt"));
        assertThat(KeyPairs.belongTogether(Pem.privateKey(certs.get("tls.key")), nodeCertificate.getPublicKey()))
                .isTrue();
        assertThat(KeyPairs.belongTogether(Pem.privateKey(ca.get("ca.key")), caCertificate.getPublicKey()))
                .isTrue();
        assertThat(SubjectAlternativeNames.of(nodeCertificate).dnsNames())
                .contains("localhost", "elasticsearch." + NAMESPACE + ".svc");

        Map<String, String> internalUsers = secrets.get("elasticsearch-internal-users");
        Map<String, String> hashes = new LinkedHashMap<>();
        internalUsers.get("users").lines().forEach(line -> {
            String[] user = line.split(":", 2);
            hashes.put(user[0], user[1]);
        });
        assertThat(hashes).containsOnlyKeys("elastic", "dbaas-node");
        assertThat(OpenBSDBCrypt.checkPassword(hashes.get("elastic"), masterKey.toCharArray()))
                .isTrue();
        assertThat(OpenBSDBCrypt.checkPassword(
                        hashes.get("dbaas-node"),
                        internalUsers.get("dbaas-node.password").toCharArray()))
                .isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void theOutputSaysItHoldsCredentialsAndEverySecretIsMarkedAndHoldsData(String engine, List<String> args) {
        RenderRun run = RenderRun.of(withSecrets(args));

        assertThat(run.out()).startsWith("# Rendered by Nebula").contains(RenderCommand.CREDENTIALS_WARNING);
        assertThat(run.out().contains(RenderCommand.ELASTICSEARCH_WITHOUT_NEBULA))
                .isEqualTo(engine.equals("elasticsearch"));
        assertThat(run.out()).doesNotContain("<placeholder");
        assertThat(run.documents("Secret")).isNotEmpty().allSatisfy(secret -> {
            assertThat(metadata(secret).get("annotations")).isEqualTo(Map.of(Manifests.GENERATED_BY_RENDER, "true"));
            assertThat(secret).containsKey("data").doesNotContainKey("stringData");
        });
    }

    @Test
    void qdrantGetsAGeneratedApiKeyAndANodeCertificateFromItsOwnCa() throws GeneralSecurityException {
        List<String> args = withSecrets(RenderRun.qdrant());
        args.add("--client-addresses=vectors.example.com");
        RenderRun run = RenderRun.of(args);

        Map<String, Map<String, String>> secrets = secretsInClear(run);
        assertThat(secrets).containsOnlyKeys("qdrant-master-key", "qdrant-ca", "qdrant-certs");
        assertThat(secrets.get("qdrant-master-key").get("api-key")).matches("[A-Za-z0-9]{" + MasterKeys.LENGTH + "}");
        X509Certificate caCertificate = Pem.certificate(secrets.get("qdrant-ca").get("ca.crt"));
        X509Certificate nodeCertificate =
                Pem.certificate(secrets.get("qdrant-certs").get("tls.crt"));
        nodeCertificate.verify(caCertificate.getPublicKey());
        assertThat(secrets.get("qdrant-certs").get("ca.crt"))
                .isEqualTo(secrets.get("qdrant-ca").get("ca.crt"));
        assertThat(KeyPairs.belongTogether(
                        Pem.privateKey(secrets.get("qdrant-certs").get("tls.key")), nodeCertificate.getPublicKey()))
                .isTrue();
        assertThat(SubjectAlternativeNames.of(nodeCertificate).dnsNames())
                .contains(
                        "*.qdrant-headless." + NAMESPACE,
                        "qdrant." + NAMESPACE + ".svc.cluster.local",
                        "vectors.example.com");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void everyObjectIsValidKubernetes(String engine, List<String> args) {
        RenderRun run = RenderRun.of(withSecrets(args));

        assertThat(run.documents()).hasSizeGreaterThanOrEqualTo(8).allSatisfy(document -> assertThat(
                        SCHEMAS.violations(JSON.<JsonNode>valueToTree(document)))
                .as(document.get("kind") + " " + metadata(document).get("name"))
                .isEmpty());
    }

    @Test
    void everyRenderingGeneratesNewCredentialsAndNothingElseDiffers() {
        RenderRun first = RenderRun.of(withSecrets(RenderRun.elasticsearch()));
        RenderRun second = RenderRun.of(withSecrets(RenderRun.elasticsearch()));

        Map<String, Map<String, String>> before = secretsInClear(first);
        Map<String, Map<String, String>> after = secretsInClear(second);
        Map<String, List<String>> credentials = Map.of(
                "elasticsearch-elastic-user", List.of("elastic"),
                "elasticsearch-ca", List.of("ca.crt", "ca.key"),
                "elasticsearch-certs", List.of("tls.crt", "tls.key", "ca.crt"),
                "elasticsearch-internal-users", List.of("users", "dbaas-node.password"));
        assertThat(after).containsOnlyKeys(credentials.keySet());
        credentials.forEach((secret, entries) ->
                entries.forEach(entry -> assertThat(after.get(secret).get(entry))
                        .as(secret + "/" + entry)
                        .isNotEqualTo(before.get(secret).get(entry))));
        assertThat(withoutSecrets(second)).isEqualTo(withoutSecrets(first));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void withoutTheOptionNoCredentialAppears(String engine, List<String> args) {
        RenderRun run = RenderRun.of(args);

        assertThat(run.out()).doesNotContain("HOLDS CREDENTIALS", Manifests.GENERATED_BY_RENDER, "BEGIN", "$2a$");
        assertThat(run.documents("Secret")).isNotEmpty().allSatisfy(secret -> assertThat(secret)
                .doesNotContainKey("data")
                .extractingByKey("stringData")
                .asInstanceOf(InstanceOfAssertFactories.MAP)
                .allSatisfy((entry, value) -> assertThat(value).asString().startsWith("<placeholder")));
    }

    @Test
    void clientAddressesAreNamedInTheNodeCertificate() {
        List<String> args = withSecrets(RenderRun.elasticsearch());
        args.add("--client-addresses=search.example.com,203.0.113.7");

        X509Certificate certificate = Pem.certificate(
                secretsInClear(RenderRun.of(args)).get("elasticsearch-certs").get("tls.crt"));

        SubjectAlternativeNames names = SubjectAlternativeNames.of(certificate);
        assertThat(names.dnsNames()).contains("search.example.com", "localhost");
        assertThat(names.ipAddresses()).contains("203.0.113.7", "127.0.0.1");
    }

    @Test
    void aSpecFileMayAskForSecretsAndListClientAddresses(@TempDir Path directory) throws IOException {
        Path spec = directory.resolve("cluster.yaml");
        Files.writeString(spec, """
                engine: elasticsearch
                version: 8.19.0
                nodes: 3
                cpu: 1
                memory: 2Gi
                disk: 10Gi
                provider: minikube
                region: local
                with-secrets: true
                client-addresses: [search.example.com, 203.0.113.7]
                """);

        RenderRun run = RenderRun.of("--spec=" + spec, LOCAL_REGION);

        assertThat(run.status()).as(run.err()).isZero();
        X509Certificate certificate =
                Pem.certificate(secretsInClear(run).get("elasticsearch-certs").get("tls.crt"));
        assertThat(SubjectAlternativeNames.of(certificate).dnsNames()).contains("search.example.com");
        assertThat(SubjectAlternativeNames.of(certificate).ipAddresses()).contains("203.0.113.7");
    }

    @Test
    void whatCannotBeRenderedWithSecretsIsSaidOnStandardErrorWithNothingOnStandardOutput() {
        List<String> latest = withSecrets(RenderRun.elasticsearch());
        latest.set(1, "--version=latest");
        assertRefused(latest, "'latest'");

        List<String> tooSmall = withSecrets(RenderRun.elasticsearch());
        tooSmall.set(4, "--memory=512Mi");
        assertRefused(tooSmall, "at least");

        List<String> maybe = RenderRun.elasticsearch();
        maybe.add("--with-secrets=maybe");
        assertRefused(maybe, "--with-secrets takes no value (or true or false), got 'maybe'");

        List<String> addressesAlone = RenderRun.elasticsearch();
        addressesAlone.add("--client-addresses=search.example.com");
        assertRefused(addressesAlone, "which only --with-secrets generates");

        List<String> notAnAddress = withSecrets(RenderRun.elasticsearch());
        notAnAddress.add("--client-addresses=search_example.com");
        assertRefused(notAnAddress, "--client-addresses takes host names and IP addresses, got 'search_example.com'");

        List<String> notAnIpAddress = withSecrets(RenderRun.elasticsearch());
        notAnIpAddress.add("--client-addresses=203.0.113");
        assertRefused(notAnIpAddress, "got '203.0.113'");
    }

    private static void assertRefused(List<String> args, String reason) {
        RenderRun run = RenderRun.of(args);

        assertThat(run.status()).as(String.join(" ", args)).isEqualTo(RenderCommand.USAGE_ERROR);
        assertThat(run.err()).contains(reason);
        assertThat(run.out()).isEmpty();
    }

    private static List<String> withSecrets(List<String> args) {
        args.add("--with-secrets");
        return args;
    }

    /** Every Secret's entries in clear, by Secret name. */
    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, String>> secretsInClear(RenderRun run) {
        Map<String, Map<String, String>> secrets = new LinkedHashMap<>();
        for (Map<String, Object> secret : run.documents("Secret")) {
            Map<String, String> entries = new LinkedHashMap<>();
            ((Map<String, String>) secret.get("data"))
                    .forEach((entry, value) ->
                            entries.put(entry, new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8)));
            secrets.put((String) metadata(secret).get("name"), entries);
        }
        return secrets;
    }

    private static List<Map<String, Object>> withoutSecrets(RenderRun run) {
        return run.documents().stream()
                .filter(document -> !"Secret".equals(document.get("kind")))
                .toList();
    }
}
