package io.dbaas.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What MetricNamesIT counts as a metric in the chart's PromQL, and what it does not. */
class PromqlMetricNamesTest {

    @Test
    void aBareSelectorIsItsMetric() {
        assertThat(PromqlMetricNames.of("nebula_commands_waiting > 0")).containsExactly("nebula_commands_waiting");
    }

    @Test
    void labelMatchersStringsAndGrafanaVariablesAreNotMetrics() {
        assertThat(
                        PromqlMetricNames.of(
                                "sum by (status) (rate(gatekeeper_requests_seconds_count{namespace=\"$namespace\", status=~\"5xx|none\"}[$__rate_interval]))"))
                .containsExactly("gatekeeper_requests_seconds_count");
    }

    @Test
    void functionsAggregationsKeywordsAndGroupingLabelsAreNotMetrics() {
        assertThat(PromqlMetricNames.of("""
                        histogram_quantile(0.99, sum by (le, cluster) (rate(gatekeeper_requests_seconds_bucket[5m])))
                        / on (cluster) group_left (engine) max without (instance) (nebula_clusters offset 1h)
                        and topk(10, orion_outbox_messages_waiting) or vector(0) > bool 1e3"""))
                .containsExactly(
                        "gatekeeper_requests_seconds_bucket", "nebula_clusters", "orion_outbox_messages_waiting");
    }

    @Test
    void anAggregationWithItsGroupingAfterTheParenthesesStillFindsTheMetric() {
        assertThat(PromqlMetricNames.of("max(nebula_region_reachable{region=\"a\"}) by (provider, region) == 0"))
                .containsExactly("nebula_region_reachable");
    }

    @Test
    void aGrafanaLabelValuesQueryNamesTheMetricOfItsSelectorNotTheLabel() {
        assertThat(PromqlMetricNames.of("label_values(up{job=~\".*-(orion|nebula).*\"}, namespace)"))
                .containsExactly("up");
    }

    @Test
    void durationsAndSubqueriesAreNotMetrics() {
        assertThat(PromqlMetricNames.of(
                        "min_over_time(nebula_certificates_earliest_expiry_seconds[1h:5m]) < 14 * 86400"))
                .containsExactly("nebula_certificates_earliest_expiry_seconds");
    }
}
