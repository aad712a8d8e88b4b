package io.dbaas.helm.support;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.nio.file.Path;
import java.util.Map;

/**
 * The trial PostgreSQL and Kafka chart, rendered as the install guide installs it: release {@value #RELEASE} in the
 * control plane's namespace.
 */
public final class TrialDependencies {

    public static final String RELEASE = "dbaas-trial";

    /** The Secret of the trial database user the guide creates. */
    public static final String DATABASE_SECRET = """
            postgres:
              existingSecret: dbaas-trial-database
            """;

    private TrialDependencies() {}

    /** Renders the chart with the database Secret reference plus {@code values}. */
    public static Manifests render(String... values) {
        var command = new Helm(HelmChart.TRIAL_DEPENDENCIES)
                .template()
                .withName(RELEASE)
                .withNamespace(HelmChart.NAMESPACE)
                .withValuesFile(valuesFile(DATABASE_SECRET));
        for (String text : values) {
            command = command.withValuesFile(valuesFile(text));
        }
        return Manifests.parse(command.call());
    }

    /** Renders the chart with exactly these {@code --set} values over the defaults, as {@code helm install} would. */
    public static Manifests renderWithSets(Map<String, String> sets) {
        var command = new Helm(HelmChart.TRIAL_DEPENDENCIES)
                .template()
                .withName(RELEASE)
                .withNamespace(HelmChart.NAMESPACE);
        for (var set : sets.entrySet()) {
            command = command.set(set.getKey(), set.getValue());
        }
        return Manifests.parse(command.call());
    }

    /** Why Helm refuses to render the chart with exactly these values over the defaults. */
    public static String refusal(String values) {
        try {
            new Helm(HelmChart.TRIAL_DEPENDENCIES)
                    .template()
                    .withName(RELEASE)
                    .withNamespace(HelmChart.NAMESPACE)
                    .withValuesFile(valuesFile(values))
                    .call();
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
        throw new AssertionError("Helm rendered the trial chart, but was expected to refuse");
    }

    public static LintResult lint() {
        return new Helm(HelmChart.TRIAL_DEPENDENCIES).lint().strict().call();
    }

    /** The name of one of the chart's objects: {@code <release>-postgres} or {@code <release>-kafka}. */
    public static String name(String component) {
        return RELEASE + "-" + component;
    }

    private static Path valuesFile(String text) {
        return HelmChart.valuesFile(text);
    }
}
