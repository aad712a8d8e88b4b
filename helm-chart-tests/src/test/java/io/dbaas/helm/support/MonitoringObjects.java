package io.dbaas.helm.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The alert rules and Grafana dashboards among what the chart rendered. */
public final class MonitoringObjects {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MonitoringObjects() {}

    /** One alerting rule of the chart's PrometheusRule, as Prometheus reads it. */
    public record AlertRule(
            String group,
            String alert,
            String expr,
            String pendingFor,
            Map<String, String> labels,
            Map<String, String> annotations) {}

    public static List<AlertRule> alertRules(Manifests manifests) {
        List<AlertRule> rules = new ArrayList<>();
        documentsOfKind(manifests, "PrometheusRule")
                .forEach(document -> document.at("/spec/groups").forEach(group -> group.path("rules")
                        .forEach(rule -> rules.add(new AlertRule(
                                group.path("name").asText(),
                                rule.path("alert").asText(),
                                rule.path("expr").asText(),
                                rule.path("for").asText(),
                                strings(rule.path("labels")),
                                strings(rule.path("annotations")))))));
        return rules;
    }

    /**
     * Every dashboard the chart ships, by {@code <ConfigMap name>/<key>}, parsed; a key whose text is not JSON fails
     * here, naming it.
     */
    public static Map<String, JsonNode> dashboards(Manifests manifests) {
        Map<String, JsonNode> dashboards = new LinkedHashMap<>();
        documentsOfKind(manifests, "ConfigMap").stream()
                .filter(document -> document.at("/metadata/name").asText().contains("-dashboard-"))
                .forEach(document -> document.path("data").properties().forEach(entry -> {
                    String name = document.at("/metadata/name").asText() + "/" + entry.getKey();
                    try {
                        dashboards.put(name, JSON.readTree(entry.getValue().asText()));
                    } catch (IOException e) {
                        throw new UncheckedIOException("dashboard " + name + " is not valid JSON", e);
                    }
                }));
        return dashboards;
    }

    /** The panels of a dashboard, those inside rows included. */
    public static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> panels = new ArrayList<>();
        dashboard.path("panels").forEach(panel -> {
            panels.add(panel);
            panel.path("panels").forEach(panels::add);
        });
        return panels;
    }

    public static List<JsonNode> documentsOfKind(Manifests manifests, String kind) {
        return manifests.documents().stream()
                .filter(document -> kind.equals(document.path("kind").asText()))
                .toList();
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> strings = new LinkedHashMap<>();
        object.properties()
                .forEach(entry -> strings.put(entry.getKey(), entry.getValue().asText()));
        return strings;
    }
}
