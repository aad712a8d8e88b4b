package io.dbaas.gatekeeper.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.gatekeeper.support.GateKeeperIntegrationTest;
import io.dbaas.gatekeeper.support.RawHttp;
import io.dbaas.gatekeeper.support.TestCluster;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Small budgets that refill slowly (3 per hour), so that what a test spends stays spent for the whole run. Each test
 * plays its own clients from its own loopback addresses; 127.0.0.8 is a trusted proxy.
 */
@TestPropertySource(
        properties = {
            "gatekeeper.abuse.requests-per-key=3",
            "gatekeeper.abuse.requests-per-key-period=1h",
            "gatekeeper.abuse.failed-authentications-per-address=3",
            "gatekeeper.abuse.failed-authentications-period=1h",
            "gatekeeper.forwarding.trusted-proxies=127.0.0.8/32"
        })
class AbuseProtectionIT extends GateKeeperIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String WRONG_KEY = "dbk_wrong";

    private TestCluster cluster;

    @BeforeEach
    void oneCluster() {
        cluster = provisioned(UPSTREAM_A);
    }

    @Test
    void aKeyOverItsRateIsRefusedWith429AndRetryAfterWhileAnotherKeyOfTheClusterStillPasses() {
        String busyKey = cluster.newApiKey();
        IntStream.range(0, 3)
                .forEach(i -> assertThat(send("127.0.0.2", busyKey).status()).isEqualTo(200));

        RawHttp.Answer refused = send("127.0.0.2", busyKey);

        assertProblem(refused, 429, "urn:dbaas:problem:rate-limited");
        // 3 per hour: the next token is about 20 minutes away.
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1100L, 1200L);
        assertThat(refused.text()).doesNotContain(busyKey, cluster.masterKey());
        assertThat(send("127.0.0.2", cluster.newApiKey()).status()).isEqualTo(200);
        assertThat(UPSTREAM_A.received()).hasSize(4);
    }

    @Test
    void anAddressWithTooManyFailedAuthenticationsIsRefusedBeforeItsKeyIsChecked() {
        IntStream.range(0, 3)
                .forEach(i -> assertThat(send("127.0.0.3", WRONG_KEY).status()).isEqualTo(401));

        RawHttp.Answer refused = send("127.0.0.3", cluster.newApiKey());

        assertProblem(refused, 429, "urn:dbaas:problem:too-many-failed-authentications");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isPositive();
        assertThat(UPSTREAM_A.received()).isEmpty();
        // Another address is not affected.
        assertThat(send("127.0.0.4", cluster.newApiKey()).status()).isEqualTo(200);
    }

    @Test
    void anUntrustedClientCannotEscapeTheCountByClaimingOtherAddresses() {
        IntStream.range(0, 3).forEach(i -> assertThat(send("127.0.0.5", WRONG_KEY, "X-Forwarded-For: 203.0.113." + i)
                        .status())
                .isEqualTo(401));

        assertProblem(
                send("127.0.0.5", cluster.newApiKey(), "X-Forwarded-For: 203.0.113.99"),
                429,
                "urn:dbaas:problem:too-many-failed-authentications");
    }

    @Test
    void behindATrustedProxyTheForwardedClientIsCountedAndNamedToTheCluster() {
        String guesser = "X-Forwarded-For: 198.51.100.1";
        IntStream.range(0, 3)
                .forEach(i -> assertThat(send("127.0.0.8", WRONG_KEY, guesser).status())
                        .isEqualTo(401));

        assertProblem(
                send("127.0.0.8", cluster.newApiKey(), guesser),
                429,
                "urn:dbaas:problem:too-many-failed-authentications");
        // The proxy itself and its other clients go on.
        RawHttp.Answer other = send("127.0.0.8", cluster.newApiKey(), "X-Forwarded-For: 1.2.3.4, 198.51.100.2");
        assertThat(other.status()).isEqualTo(200);
        assertThat(UPSTREAM_A.received()).singleElement().satisfies(received -> assertThat(
                        received.header("X-Forwarded-For"))
                .containsExactly("198.51.100.2"));
    }

    private RawHttp.Answer send(String from, String apiKey, String... extraHeaders) {
        StringBuilder request = new StringBuilder("GET /collections HTTP/1.1\r\n")
                .append("Host: ")
                .append(cluster.host())
                .append("\r\napi-key: ")
                .append(apiKey)
                .append("\r\nConnection: close\r\n");
        for (String header : extraHeaders) {
            request.append(header).append("\r\n");
        }
        return RawHttp.exchangeFrom(from, port, request.append("\r\n").toString());
    }

    private static void assertProblem(RawHttp.Answer answer, int status, String type) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(JSON.readTree(answer.body()).get("type").asString()).isEqualTo(type);
    }
}
