package io.dbaas.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The chart's alerts and dashboards query metrics the services really expose: a claim is driven to RUNNING and a
 * request sent through GateKeeper, so every meter has been used once, then each service's {@code /actuator/prometheus}
 * is scraped and every metric name in the chart's PromQL must be among what was scraped. A renamed meter fails here,
 * not silently in an operator's Grafana.
 */
@ExtendWith({SharedControlPlane.class, ServiceLogsOnFailure.class})
class MetricNamesIT {

    /** Series Prometheus writes itself for every target it scrapes, whatever the target exposes. */
    private static final Set<String> WRITTEN_BY_PROMETHEUS = Set.of("up");

    private final ControlPlaneUnderTest controlPlane;

    MetricNamesIT(ControlPlaneUnderTest controlPlane) {
        this.controlPlane = controlPlane;
    }

    @Test
    void everyMetricTheChartsAlertsAndDashboardsQueryIsExposedByAService() {
        exerciseEveryMeter();
        Set<String> exposed = new TreeSet<>(WRITTEN_BY_PROMETHEUS);
        controlPlane.prometheusEndpoints().forEach((service, endpoint) -> {
            Set<String> names = scrape(endpoint);
            assertThat(names).as("metrics of %s", service).isNotEmpty();
            exposed.addAll(names);
        });
        Map<String, String> queries = ChartQueries.of(chart());

        Map<String, Set<String>> missing = new TreeMap<>();
        Set<String> queried = new TreeSet<>();
        queries.forEach((source, query) -> {
            Set<String> names = PromqlMetricNames.of(query);
            assertThat(names).as("metrics in %s: %s", source, query).isNotEmpty();
            queried.addAll(names);
            names.stream().filter(name -> !exposed.contains(name)).forEach(name -> missing.computeIfAbsent(
                            name, any -> new TreeSet<>())
                    .add(source));
        });

        assertThat(queries).anySatisfy((source, query) -> assertThat(source).startsWith("alert "));
        assertThat(queries).anySatisfy((source, query) -> assertThat(source).startsWith("dashboard "));
        assertThat(queried).contains("orion_outbox_oldest_waiting_age_seconds", "gatekeeper_requests_seconds_bucket");
        assertThat(missing)
                .as("metric names the chart queries that no service exposes (name -> where the chart uses it)")
                .isEmpty();
    }

    /** A cluster claimed, running, and asked for through GateKeeper: Nebula reconciled, GateKeeper timed a request. */
    private void exerciseEveryMeter() {
        Orion orion = controlPlane.orion();
        String id = Http.json(orion.post("/v1/clusters", ClaimToRequestIT.validClaim("metrics")))
                .get("id")
                .asString();
        controlPlane.kubernetes().runAllReady(KubernetesControllers.namespaceOf(id));
        String endpoint = orion.awaitState(id, "RUNNING").get("endpoint").asString();
        assertThat(controlPlane.gatekeeper().awaitRouted(endpoint).statusCode()).isEqualTo(401);
    }

    private static Set<String> scrape(URI endpoint) {
        HttpResponse<String> scraped =
                Http.send(HttpRequest.newBuilder(endpoint).GET());
        assertThat(scraped.statusCode()).as("GET %s", endpoint).isEqualTo(200);
        Set<String> names = new TreeSet<>();
        scraped.body()
                .lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.split("[{ ]", 2)[0])
                .forEach(names::add);
        return names;
    }

    private static Path chart() {
        return Path.of(System.getProperty("dbaas.home", "..")).resolve("helm/dbaas-control-plane");
    }
}
