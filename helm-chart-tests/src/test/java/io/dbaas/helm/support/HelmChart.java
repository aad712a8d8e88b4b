package io.dbaas.helm.support;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The chart under test, rendered with Helm itself (helm-java embeds it), as {@code helm template} would for release
 * {@value #RELEASE} in namespace {@value #NAMESPACE}. Values are given as YAML texts, applied in order like repeated
 * {@code -f} files.
 */
public final class HelmChart {

    public static final Path DIRECTORY = Path.of(System.getProperty("chart.directory", "../helm/dbaas-control-plane"));
    public static final Path REMOTE_REGION_RBAC = DIRECTORY.resolveSibling("remote-region/nebula-rbac.yaml");
    public static final String RELEASE = "dbaas";
    public static final String NAMESPACE = "dbaas-system";

    /** The least an operator must add to the chart's defaults: the references to the Secrets they created. */
    public static final String SECRET_REFERENCES = """
            keyEncryptionKey:
              existingSecret: dbaas-key-encryption-key
            orion:
              database:
                url: jdbc:postgresql://dbaas-postgres-rw.postgres:5432/dbaas
                existingSecret: dbaas-orion-database
              bootstrapAdminToken:
                existingSecret: dbaas-orion-admin-token
            nebula:
              database:
                existingSecret: dbaas-nebula-database
            """;

    private HelmChart() {}

    /** Renders the chart with the default values plus the Secret references plus {@code values}. */
    public static Manifests render(String... values) {
        List<String> all = new ArrayList<>();
        all.add(SECRET_REFERENCES);
        all.addAll(List.of(values));
        return Manifests.parse(template(all));
    }

    /** Renders the chart with exactly these values over the defaults (no Secret references added). */
    public static String template(List<String> values) {
        var command = new Helm(DIRECTORY).template().withName(RELEASE).withNamespace(NAMESPACE);
        for (String text : values) {
            command = command.withValuesFile(valuesFile(text));
        }
        return command.call();
    }

    /** Why Helm refuses to render the chart with the Secret references plus {@code values}. */
    public static String refusal(String... values) {
        List<String> all = new ArrayList<>();
        all.add(SECRET_REFERENCES);
        all.addAll(List.of(values));
        return refusal(all);
    }

    public static String refusal(List<String> values) {
        try {
            template(values);
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
        throw new AssertionError("Helm rendered the chart, but was expected to refuse");
    }

    public static LintResult lint() {
        return new Helm(DIRECTORY).lint().strict().call();
    }

    private static Path valuesFile(String text) {
        try {
            Path file = Files.createTempFile("values-", ".yaml");
            file.toFile().deleteOnExit();
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
