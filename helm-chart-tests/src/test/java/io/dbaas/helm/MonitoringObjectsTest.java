package io.dbaas.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbaas.helm.support.HelmChart;
import io.dbaas.helm.support.Manifests;
import io.dbaas.helm.support.MonitoringObjects;
import io.dbaas.helm.support.MonitoringObjects.AlertRule;
import io.dbaas.helm.support.MonitoringValues;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Service;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The chart's alerts and dashboards are usable as shipped: every alert says how bad it is, what happened and where its
 * runbook is; every dashboard is valid JSON Grafana can load. (Which metrics they name is checked against the running
 * services by local-control-plane's MetricNamesIT.)
 */
class MonitoringObjectsTest {

    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{([^}]*)}");
    private static final Pattern HEADING = Pattern.compile("^#{2,4} +(.+)$", Pattern.MULTILINE);

    private final Manifests monitored = HelmChart.render(MonitoringValues.EVERY_MONITORING_OBJECT);

    @Test
    void noMonitoringObjectIsRenderedUnlessAskedFor() {
        Manifests defaults = HelmChart.render();

        assertThat(defaults.ofKind("PrometheusRule")).isEmpty();
        assertThat(defaults.ofKind("ServiceMonitor")).isEmpty();
        assertThat(MonitoringObjects.dashboards(defaults)).isEmpty();
    }

    @Test
    void everyAlertSaysHowBadWhatHappenedAndWhereItsRunbookSectionIs() throws IOException {
        List<AlertRule> rules = MonitoringObjects.alertRules(monitored);
        Set<String> anchors = anchorsOf(Files.readString(HelmChart.OBSERVABILITY_GUIDE));

        assertThat(rules).hasSizeGreaterThanOrEqualTo(10);
        assertThat(rules)
                .extracting(AlertRule::alert)
                .doesNotHaveDuplicates()
                .allMatch(name -> name.matches("Dbaas[A-Za-z]+"));
        assertThat(rules).allSatisfy(rule -> {
            assertThat(rule.labels()).as(rule.alert()).containsKey("severity");
            assertThat(rule.labels().get("severity")).as(rule.alert()).isIn("warning", "critical");
            assertThat(rule.annotations().get("summary")).as(rule.alert()).isNotBlank();
            assertThat(rule.annotations().get("description")).as(rule.alert()).isNotBlank();
            String anchor = rule.alert().toLowerCase(Locale.ROOT);
            assertThat(rule.annotations().get("runbook_url"))
                    .as(rule.alert())
                    .isEqualTo("docs/operations/observability.md#" + anchor);
            assertThat(anchors).as("a runbook section for " + rule.alert()).contains(anchor);
            assertThat(rule.pendingFor()).as(rule.alert()).matches("[0-9]+[smh]");
        });
    }

    @Test
    void everyAlertLooksAtItsOwnReleaseOnly() {
        assertThat(MonitoringObjects.alertRules(monitored)).allSatisfy(rule -> {
            Matcher selectors = SELECTOR.matcher(rule.expr());
            int found = 0;
            while (selectors.find()) {
                found++;
                assertThat(selectors.group(2))
                        .as("%s: %s", rule.alert(), selectors.group())
                        .contains("namespace=\"" + HelmChart.NAMESPACE + "\"");
            }
            assertThat(found).as(rule.alert()).isPositive();
        });
    }

    @Test
    void alertmanagerTemplatesInTheAnnotationsAreLeftForAlertmanager() {
        assertThat(MonitoringObjects.alertRules(monitored))
                .filteredOn(rule -> rule.alert().equals("DbaasRegionUnreachable"))
                .singleElement()
                .satisfies(rule -> assertThat(rule.annotations().get("description"))
                        .contains("{{ $labels.provider }}/{{ $labels.region }}"));
    }

    @Test
    void thresholdsAndTheRunbookAddressComeFromTheValues() {
        Manifests tuned = HelmChart.render(MonitoringValues.EVERY_MONITORING_OBJECT, """
                metrics:
                  prometheusRule:
                    runbookBaseUrl: https://docs.example.org/dbaas/observability
                    thresholds:
                      outboxOldestWaitingSeconds: 60
                      gatekeeperErrorRatio: 0.01
                      commandsWaitingFor: 3h
                      certificateExpiryDays: 7
                """);
        Map<String, AlertRule> byName = byName(MonitoringObjects.alertRules(tuned));

        assertThat(byName.get("DbaasOrionOutboxStalled").expr()).endsWith("> 60");
        assertThat(byName.get("DbaasGateKeeperErrors").expr()).endsWith("> 0.01");
        assertThat(byName.get("DbaasCommandsWaiting").pendingFor()).isEqualTo("3h");
        assertThat(byName.get("DbaasCertificatesExpiring").expr()).endsWith("< 604800");
        assertThat(byName.values())
                .allSatisfy(rule -> assertThat(rule.annotations().get("runbook_url"))
                        .startsWith("https://docs.example.org/dbaas/observability#"));
    }

    @Test
    void theServiceDownAlertWatchesEveryServiceTheServiceMonitorsScrape() {
        AlertRule serviceDown = byName(MonitoringObjects.alertRules(monitored)).get("DbaasServiceDown");
        Matcher job = Pattern.compile("job=~\"([^\"]+)\"").matcher(serviceDown.expr());
        assertThat(job.find()).isTrue();
        Pattern jobs = Pattern.compile(job.group(1));

        List<String> scraped = monitored.documents().stream()
                .filter(document -> document.path("kind").asText().equals("ServiceMonitor"))
                .flatMap(monitor -> monitored.all(Service.class).stream()
                        .filter(service -> selects(monitor.at("/spec/selector/matchLabels"), service)))
                .map(service -> service.getMetadata().getName())
                .toList();

        assertThat(scraped)
                .hasSize(3)
                .allSatisfy(name ->
                        assertThat(jobs.matcher(name).matches()).as(name).isTrue());
    }

    @Test
    void everyDashboardFileIsShippedAsAConfigMapForGrafanasSidecar() throws IOException {
        List<String> files;
        try (Stream<Path> listed = Files.list(HelmChart.DASHBOARDS)) {
            files = listed.map(path -> path.getFileName().toString()).sorted().toList();
        }
        List<ConfigMap> configMaps = monitored.all(ConfigMap.class).stream()
                .filter(configMap -> configMap.getMetadata().getName().contains("-dashboard-"))
                .toList();

        assertThat(files).hasSize(3).allMatch(name -> name.endsWith(".json"));
        assertThat(configMaps).hasSameSizeAs(files).allSatisfy(configMap -> {
            assertThat(configMap.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
            assertThat(configMap.getData()).hasSize(1);
        });
    }

    @Test
    void everyDashboardIsValidJsonWithUniqueIdsAndAQueryInEveryPanel() {
        Map<String, JsonNode> dashboards = MonitoringObjects.dashboards(monitored);

        assertThat(dashboards).hasSize(3);
        assertThat(dashboards.values())
                .extracting(dashboard -> dashboard.path("uid").asText())
                .doesNotHaveDuplicates()
                .allMatch(uid -> !uid.isBlank() && uid.length() <= 40);
        dashboards.forEach((name, dashboard) -> {
            List<JsonNode> panels = MonitoringObjects.panels(dashboard);
            assertThat(panels).as(name).isNotEmpty();
            assertThat(panels)
                    .as("panel ids of %s", name)
                    .extracting(panel -> panel.path("id").asInt())
                    .doesNotHaveDuplicates()
                    .allMatch(id -> id > 0);
            assertThat(panels)
                    .filteredOn(panel -> !panel.path("type").asText().equals("row"))
                    .allSatisfy(panel -> {
                        String title = name + ": " + panel.path("title").asText();
                        assertThat(panel.at("/datasource/uid").asText())
                                .as(title)
                                .isEqualTo("${datasource}");
                        assertThat(panel.path("targets")).as(title).isNotEmpty();
                        panel.path("targets").forEach(target -> assertThat(
                                        target.path("expr").asText())
                                .as(title)
                                .isNotBlank());
                        int x = panel.at("/gridPos/x").asInt();
                        assertThat(x + panel.at("/gridPos/w").asInt()).as(title).isLessThanOrEqualTo(24);
                    });
            assertThat(dashboard.at("/templating/list"))
                    .as(name)
                    .anyMatch(variable -> variable.path("name").asText().equals("datasource"));
        });
    }

    @Test
    void dashboardsGoWhereGrafanasSidecarLooksWithTheAnnotationsGiven() {
        Manifests placed = HelmChart.render(MonitoringValues.EVERY_MONITORING_OBJECT, """
                metrics:
                  dashboards:
                    namespace: monitoring
                    labels: {grafana_dashboard: "dbaas"}
                    annotations: {grafana_folder: DBaaS}
                """);

        assertThat(placed.all(ConfigMap.class))
                .filteredOn(configMap -> configMap.getMetadata().getName().contains("-dashboard-"))
                .hasSize(3)
                .allSatisfy(configMap -> {
                    assertThat(configMap.getMetadata().getNamespace()).isEqualTo("monitoring");
                    assertThat(configMap.getMetadata().getLabels()).containsEntry("grafana_dashboard", "dbaas");
                    assertThat(configMap.getMetadata().getAnnotations()).containsEntry("grafana_folder", "DBaaS");
                });
    }

    private static boolean selects(JsonNode matchLabels, Service service) {
        Map<String, String> labels = service.getMetadata().getLabels();
        Set<Boolean> matches = new HashSet<>();
        matchLabels
                .properties()
                .forEach(entry -> matches.add(entry.getValue().asText().equals(labels.get(entry.getKey()))));
        return !matches.contains(false);
    }

    private static Map<String, AlertRule> byName(List<AlertRule> rules) {
        return rules.stream().collect(Collectors.toMap(AlertRule::alert, rule -> rule));
    }

    /** GitHub's anchors of the page's headings: lower case, spaces to dashes, punctuation dropped. */
    private static Set<String> anchorsOf(String markdown) {
        Set<String> anchors = new HashSet<>();
        Matcher headings = HEADING.matcher(markdown);
        while (headings.find()) {
            anchors.add(headings.group(1)
                    .trim()
                    .toLowerCase(Locale.ROOT)
                    .replaceAll("[^a-z0-9 _-]", "")
                    .replace(' ', '-'));
        }
        return anchors;
    }
}
