package io.dbaas.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbaas.helm.support.HelmChart;
import io.dbaas.helm.support.Manifests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** logging.format and tracing.* become each service's Spring settings for structured logs and OTLP export. */
class LogsAndTracesConfigTest {

    private static final String[] SERVICES = {"orion", "nebula", "gatekeeper"};

    @Test
    void byDefaultLogsAreHumanReadableAndNoSpanIsExported() {
        Manifests manifests = HelmChart.render();

        for (String service : SERVICES) {
            JsonNode config = manifests.springConfig(service);
            assertThat(config.has("logging")).as(service).isFalse();
            assertThat(config.at("/management/opentelemetry").isMissingNode())
                    .as(service)
                    .isTrue();
            assertThat(config.at("/management/tracing/sampling/probability").asDouble())
                    .isEqualTo(0.1);
        }
    }

    @Test
    void jsonLogsAndAnOtlpEndpointReachEveryService() {
        Manifests manifests = HelmChart.render("""
                logging: {format: json}
                tracing:
                  otlpEndpoint: http://otel-collector.monitoring:4318/v1/traces
                  samplingProbability: 1
                """);

        for (String service : SERVICES) {
            JsonNode config = manifests.springConfig(service);
            assertThat(config.at("/logging/structured/format/console").asText())
                    .as(service)
                    .isEqualTo("ecs");
            assertThat(config.at("/management/opentelemetry/tracing/export/otlp/endpoint")
                            .asText())
                    .as(service)
                    .isEqualTo("http://otel-collector.monitoring:4318/v1/traces");
            assertThat(config.at("/management/tracing/sampling/probability").asDouble())
                    .isEqualTo(1.0);
            // The service's own settings are still there beside them.
            assertThat(config.at("/spring/kafka").isMissingNode()).as(service).isFalse();
        }
    }

    @Test
    void theJsonLayoutCanBeChosen() {
        JsonNode config = HelmChart.render("logging: {format: json, jsonFormat: logstash}")
                .springConfig("orion");

        assertThat(config.at("/logging/structured/format/console").asText()).isEqualTo("logstash");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "logging: {format: xml}",
                "logging: {format: json, jsonFormat: yaml}",
                "tracing: {samplingProbability: 1.5}",
                "tracing: {otlpEndpoint: otel-collector:4318}"
            })
    void valuesOutsideWhatTheServicesUnderstandAreRefused(String values) {
        assertThat(HelmChart.refusal(values)).containsIgnoringCase("values don't meet the specifications");
    }
}
