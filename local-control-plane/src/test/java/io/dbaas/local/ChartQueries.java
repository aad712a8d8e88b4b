package io.dbaas.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every PromQL query the Helm chart ships, as Helm renders it with its alerts and dashboards switched on: each alert's
 * expression and each dashboard's panel and variable queries, by where they come from.
 */
final class ChartQueries {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The least the chart renders with (its Secret references), and every monitoring object. */
    private static final String VALUES = """
            keyEncryptionKey: {existingSecret: dbaas-key-encryption-key}
            orion:
              database: {url: "jdbc:postgresql://postgres.invalid:5432/dbaas", existingSecret: dbaas-orion-database}
              bootstrapAdminToken: {existingSecret: dbaas-orion-admin-token}
            nebula:
              database: {existingSecret: dbaas-nebula-database}
            metrics:
              prometheusRule: {enabled: true}
              dashboards: {enabled: true}
            """;

    private ChartQueries() {}

    /** Query by its source, such as {@code alert DbaasRegionUnreachable} or {@code dashboard …/Panel title}. */
    static Map<String, String> of(Path chart) {
        Map<String, String> queries = new LinkedHashMap<>();
        for (JsonNode document : documents(render(chart))) {
            switch (document.path("kind").asText()) {
                case "PrometheusRule" ->
                    document.at("/spec/groups").forEach(group -> group.path("rules")
                            .forEach(rule -> queries.put(
                                    "alert " + rule.path("alert").asText(),
                                    rule.path("expr").asText())));
                case "ConfigMap" ->
                    document.path("data").properties().forEach(entry -> {
                        if (entry.getKey().endsWith(".json")) {
                            dashboardQueries(
                                    entry.getKey(), json(entry.getValue().asText()), queries);
                        }
                    });
                default -> {}
            }
        }
        return queries;
    }

    private static void dashboardQueries(String dashboard, JsonNode model, Map<String, String> queries) {
        model.at("/templating/list").forEach(variable -> {
            if (variable.path("type").asText().equals("query")) {
                JsonNode query = variable.path("query");
                String text = query.isObject() ? query.path("query").asText() : query.asText();
                queries.put(
                        "dashboard " + dashboard + " variable $"
                                + variable.path("name").asText(),
                        text);
            }
        });
        model.path("panels").forEach(panel -> panelQueries(dashboard, panel, queries));
    }

    private static void panelQueries(String dashboard, JsonNode panel, Map<String, String> queries) {
        panel.path("targets")
                .forEach(target -> queries.put(
                        "dashboard " + dashboard + " panel '"
                                + panel.path("title").asText() + "' "
                                + target.path("refId").asText(),
                        target.path("expr").asText()));
        panel.path("panels").forEach(inner -> panelQueries(dashboard, inner, queries));
    }

    private static String render(Path chart) {
        try {
            Path values = Files.createTempFile("monitoring-values-", ".yaml");
            try {
                Files.writeString(values, VALUES);
                return new Helm(chart)
                        .template()
                        .withName("dbaas")
                        .withNamespace("dbaas-system")
                        .withValuesFile(values)
                        .call();
            } finally {
                Files.deleteIfExists(values);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Iterable<JsonNode> documents(String manifests) {
        try (MappingIterator<JsonNode> documents =
                YAML.readerFor(JsonNode.class).readValues(manifests)) {
            return documents.readAll();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
