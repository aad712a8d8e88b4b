package io.dbaas.orion.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.orion.support.Claims;
import io.dbaas.orion.support.OrionIntegrationTests.Response;
import io.dbaas.orion.support.OutageIntegrationTests;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Actuator on the management port: the orchestrator's probes and the Prometheus scrape. */
class ManagementEndpointsIT extends OutageIntegrationTests {

    @Test
    void probesAnswerOnTheManagementPort() {
        Response liveness = management("/actuator/health/liveness");
        Response readiness = management("/actuator/health/readiness");

        assertThat(liveness.status()).isEqualTo(200);
        assertThat(liveness.json().get("status").asString()).isEqualTo("UP");
        assertThat(readiness.status()).isEqualTo(200);
        JsonNode checks = readiness.json().get("components");
        assertThat(checks.propertyNames())
                .as("ready needs the database, not Kafka: the outbox holds commands while the broker is away")
                .containsExactlyInAnyOrder("db", "readinessState");
    }

    @Test
    void actuatorIsNotServedOnTheApiPort() {
        assertThat(getAnonymously("/actuator/health").status()).isNotEqualTo(200);
        assertThat(getAnonymously("/actuator/prometheus").status()).isNotEqualTo(200);
    }

    @Test
    void prometheusShowsTheOutboxAndNoSecret() {
        assertThat(post("/v1/clusters", Claims.VALID).status()).isEqualTo(202);

        Response scrape = management("/actuator/prometheus");

        assertThat(scrape.status()).isEqualTo(200);
        String metrics = scrape.body();
        assertThat(metrics)
                .contains("orion_outbox_messages_waiting ")
                .contains("orion_outbox_oldest_waiting_age_seconds ")
                .contains("orion_outbox_published_messages_total ")
                .contains("orion_outbox_relay_failures_total{cause=\"kafka\"}")
                .contains("orion_outbox_delivery_seconds_bucket{le=\"1.0\"}")
                .contains("hikaricp_connections_active")
                .contains("http_server_requests_seconds_count");
        assertThat(metrics)
                .doesNotContain(KEY_ENCRYPTION_KEY)
                .doesNotContain(OPERATOR_TOKEN)
                .doesNotContain(adminToken)
                .doesNotContain(secretOf(adminToken))
                .doesNotContain(secretOf(OPERATOR_TOKEN))
                .doesNotContain("jdbc:")
                .doesNotContainIgnoringCase("password");
    }

    /** The secret part of a management token {@code dbm_<32 hex>_<secret>}. */
    private static String secretOf(String token) {
        String secret = token.substring("dbm_".length() + 32 + 1);
        assertThat(secret).hasSizeGreaterThanOrEqualTo(32);
        return secret;
    }
}
