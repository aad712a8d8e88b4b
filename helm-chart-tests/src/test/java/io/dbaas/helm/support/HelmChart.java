package io.dbaas.helm.support;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The chart under test, rendered with Helm itself (helm-java embeds it), as {@code helm template} would for release
 * {@value #RELEASE} in namespace {@value #NAMESPACE}. Values are given as YAML texts, applied in order like repeated
 * {@code -f} files.
 */
public final class HelmChart {

    public static final Path DIRECTORY = Path.of(System.getProperty("chart.directory", "../helm/dbaas-control-plane"));
    public static final Path REMOTE_REGION_RBAC = DIRECTORY.resolveSibling("remote-region/nebula-rbac.yaml");
    /** The trial PostgreSQL and Kafka chart, beside the control plane's. */
    public static final Path TRIAL_DEPENDENCIES = DIRECTORY.resolveSibling("trial-dependencies");
    /** The values file the trial install in docs/operations/helm.md passes to the control-plane chart. */
    public static final Path MINIKUBE_VALUES = DIRECTORY.resolveSibling("examples/minikube-values.yaml");
    /** The install guide whose commands the example values must agree with. */
    public static final Path INSTALL_GUIDE =
            DIRECTORY.toAbsolutePath().normalize().getParent().resolveSibling("docs/operations/helm.md");

    /** The observability page: its runbook sections are where the alerts' runbook_url point. */
    public static final Path OBSERVABILITY_GUIDE = INSTALL_GUIDE.resolveSibling("observability.md");
    /** The Grafana dashboards the chart ships, one JSON file each. */
    public static final Path DASHBOARDS = DIRECTORY.resolve("dashboards");

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

    /** The annotation key prefix by which Helm sets hooks apart from the release's objects. */
    private static final String HOOK = "helm.sh/hook";

    private static final String HIDDEN_HOOK = "tests.dbaas.invalid/hidden-hook";
    private static @Nullable Path chartWithVisibleHooks;

    private HelmChart() {}

    /** Renders the chart with the default values plus the Secret references plus {@code values}. */
    public static Manifests render(String... values) {
        List<String> all = new ArrayList<>();
        all.add(SECRET_REFERENCES);
        all.addAll(List.of(values));
        return Manifests.parse(template(all));
    }

    /**
     * Renders the chart like {@link #render}, plus its hooks ({@code helm test}'s pod) as Helm would create them.
     * helm-java's template leaves hooks out, as Helm's library does (only the CLI prints them), so this renders a copy
     * of the chart whose hook annotations are renamed, then names them back in the output.
     */
    public static Manifests renderWithHooks(String... values) {
        List<String> all = new ArrayList<>();
        all.add(SECRET_REFERENCES);
        all.addAll(List.of(values));
        return Manifests.parse(template(chartWithVisibleHooks(), all).replace(HIDDEN_HOOK, HOOK));
    }

    /** Renders the chart with exactly these values over the defaults (no Secret references added). */
    public static String template(List<String> values) {
        return template(DIRECTORY, values);
    }

    private static String template(Path chart, List<String> values) {
        var command = new Helm(chart).template().withName(RELEASE).withNamespace(NAMESPACE);
        for (String text : values) {
            command = command.withValuesFile(valuesFile(text));
        }
        return command.call();
    }

    /** Renders the chart with exactly these values files over the defaults, as {@code helm install -f} would. */
    public static Manifests renderWithFiles(Path... valuesFiles) {
        var command = new Helm(DIRECTORY).template().withName(RELEASE).withNamespace(NAMESPACE);
        for (Path file : valuesFiles) {
            command = command.withValuesFile(file);
        }
        return Manifests.parse(command.call());
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

    private static synchronized Path chartWithVisibleHooks() {
        if (chartWithVisibleHooks == null) {
            chartWithVisibleHooks = copyWithHooksRenamed(DIRECTORY);
        }
        return chartWithVisibleHooks;
    }

    private static Path copyWithHooksRenamed(Path chart) {
        try {
            Path copy = Files.createTempDirectory("chart-with-visible-hooks-").resolve(chart.getFileName());
            try (Stream<Path> files = Files.walk(chart)) {
                for (Path file : files.toList()) {
                    Path target = copy.resolve(chart.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(target);
                    } else {
                        Files.writeString(target, Files.readString(file).replace(HOOK, HIDDEN_HOOK));
                    }
                }
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path valuesFile(String text) {
        try {
            Path file = Files.createTempFile("values-", ".yaml");
            file.toFile().deleteOnExit();
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
