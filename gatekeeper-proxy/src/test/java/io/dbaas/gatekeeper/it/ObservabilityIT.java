package io.dbaas.gatekeeper.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dbaas.contracts.event.ServiceAddress;
import io.dbaas.contracts.security.ApiKeys;
import io.dbaas.contracts.security.KeyScope;
import io.dbaas.gatekeeper.support.CapturedLogs;
import io.dbaas.gatekeeper.support.GateKeeperIntegrationTest;
import io.dbaas.gatekeeper.support.TestCluster;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

/** What operators see: one access-log line per request and per-cluster metrics, with no secret in either. */
class ObservabilityIT extends GateKeeperIntegrationTest {

    private static final String CLIENT_JWT = "eyJhbGciOiJIUzI1NiJ9.client-jwt-secret.sig";
    private static final String CLIENT_COOKIE = "session=client-cookie-secret";

    @Test
    void eachRequestIsOneAccessLogLineWithoutAnySecret() {
        TestCluster cluster = provisioned(UPSTREAM_A);
        String apiKey = cluster.newApiKey();

        try (CapturedLogs logs = CapturedLogs.ofLogger("gatekeeper.access")) {
            gateway()
                    .get()
                    .uri(URI.create("http://127.0.0.1:" + port + "/collections/docs?api-key=" + apiKey
                            + "&token=query-token-secret&wait=true"))
                    .header(HttpHeaders.HOST, cluster.host())
                    .header("api-key", apiKey)
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + CLIENT_JWT)
                    .header(HttpHeaders.COOKIE, CLIENT_COOKIE)
                    .exchange()
                    .expectStatus()
                    .isOk();
            gateway()
                    .get()
                    .uri("/")
                    .header(HttpHeaders.HOST, "made-up-host-name.eu-west-1.aws." + DOMAIN)
                    .header("api-key", apiKey)
                    .exchange()
                    .expectStatus()
                    .isNotFound();

            await().atMost(Duration.ofSeconds(5))
                    .until(() -> logs.text().lines().count() >= 2);
            String text = logs.text();
            assertThat(text.lines())
                    .anySatisfy(line -> assertThat(line)
                            .contains("client=127.0.0.1", "cluster=" + cluster.id(), "method=GET")
                            .contains("path=/collections/docs?api-key=&token=&wait=", "status=200")
                            .contains("bytes=" + "answered by upstream-a".length())
                            .containsPattern("duration_ms=\\d+"))
                    .anySatisfy(line -> assertThat(line).contains("cluster=unknown", "status=404"));
            assertThat(text)
                    .doesNotContain(apiKey, cluster.masterKey(), CLIENT_JWT, CLIENT_COOKIE, "client-cookie-secret")
                    .doesNotContain("query-token-secret", "made-up-host-name");
        }
    }

    /** Some clients take a key for a name and put it in the path; its secret part must not reach the log. */
    @Test
    void aKeyPastedIntoThePathIsLoggedWithoutItsSecret() {
        TestCluster cluster = provisioned(UPSTREAM_A);
        ApiKeys.IssuedKey issued = cluster.newKey(KeyScope.READ_WRITE, null);
        String key = issued.key();

        try (CapturedLogs logs = CapturedLogs.ofLogger("gatekeeper.access")) {
            gateway()
                    .get()
                    .uri(URI.create("http://127.0.0.1:" + port + "/collections/" + key + "?" + key))
                    .header(HttpHeaders.HOST, cluster.host())
                    .header("api-key", key)
                    .exchange()
                    .expectStatus()
                    .isOk();

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(logs.text())
                    .contains("path=/collections/dbk_" + issued.keyId() + "…?dbk_" + issued.keyId() + "…")
                    .doesNotContain(key)
                    .doesNotContain(key.substring(
                            ApiKeys.PREFIX.length() + issued.keyId().length())));
        }
    }

    @Test
    void aFailedUpstreamCallIsLoggedWithTheStatusTheClientGot() {
        // Nothing listens on port 1 of the loopback interface: the connection is refused.
        TestCluster cluster = provisionedAt(new ServiceAddress("http", "127.0.0.1", 1));

        try (CapturedLogs logs = CapturedLogs.ofLogger("gatekeeper.access")) {
            gateway()
                    .get()
                    .uri("/collections")
                    .header(HttpHeaders.HOST, cluster.host())
                    .header("api-key", cluster.newApiKey())
                    .exchange()
                    .expectStatus()
                    .isEqualTo(502);

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(logs.text())
                    .contains("cluster=" + cluster.id())
                    .contains("status=502"));
        }
    }

    @Test
    void metricsArePerClusterAndStatusClassWithLatencyBucketsAndNoSecret() {
        TestCluster cluster = provisioned(UPSTREAM_B);
        String apiKey = cluster.newApiKey();
        gateway()
                .get()
                .uri("/collections")
                .header(HttpHeaders.HOST, cluster.host())
                .header("api-key", apiKey)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + CLIENT_JWT)
                .exchange()
                .expectStatus()
                .isOk();
        gateway()
                .get()
                .uri("/collections")
                .header(HttpHeaders.HOST, cluster.host())
                .header("api-key", "dbk_wrong")
                .exchange()
                .expectStatus()
                .isUnauthorized();
        gateway()
                .get()
                .uri("/")
                .header(HttpHeaders.HOST, "made-up-host-name.eu-west-1.aws." + DOMAIN)
                .exchange()
                .expectStatus()
                .isNotFound();

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            String metrics = scrape();
            assertThat(metrics)
                    .contains("gatekeeper_requests_seconds_count{cluster=\"" + cluster.id() + "\",status=\"2xx\"} 1")
                    .contains("gatekeeper_requests_seconds_count{cluster=\"" + cluster.id() + "\",status=\"4xx\"} 1")
                    .contains("gatekeeper_requests_seconds_bucket{cluster=\"" + cluster.id()
                            + "\",status=\"2xx\",le=\"0.1\"}")
                    .contains("gatekeeper_requests_seconds_count{cluster=\"unknown\",status=\"4xx\"}")
                    .doesNotContain(apiKey, cluster.masterKey(), CLIENT_JWT, "made-up-host-name", cluster.host());
        });
    }

    @Test
    void eachRequestIsTimedOnceByGateKeeperAlone() {
        TestCluster cluster = provisioned(UPSTREAM_B);
        gateway()
                .get()
                .uri("/collections")
                .header(HttpHeaders.HOST, cluster.host())
                .header("api-key", cluster.newApiKey())
                .exchange()
                .expectStatus()
                .isOk();

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(scrape())
                .contains("gatekeeper_requests_seconds_count{cluster=\"" + cluster.id() + "\",status=\"2xx\"} 1"));
        // Spring's server timer is switched off: it would only time the scrapes themselves.
        assertThat(scrape()).doesNotContain("http_server_requests");
    }

    private String scrape() {
        return management()
                .get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }
}
