package io.dbaas.orion.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.orion.support.OrionIntegrationTests;
import io.dbaas.orion.support.RawHttp;
import io.dbaas.orion.support.RawHttp.Exchange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the security firewall refuses, before any controller or token check, is a {@code 400} problem like every other
 * refusal, never an unauthenticated one.
 */
class FirewallRefusalTests extends OrionIntegrationTests {

    @ParameterizedTest
    @ValueSource(
            strings = {"/v1/../v1/clusters", "/v1/clusters;jsessionid=0", "/v1/clusters/%0a", "/v1/clusters/%252e%252e"
            })
    void aRequestTheFirewallRefusesIsABadRequestProblem(String target) {
        Exchange exchange = new RawHttp(port)
                .send("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nAuthorization: Bearer "
                        + account.adminToken());

        assertThat(exchange.status()).as(exchange.response()).isEqualTo(400);
        assertThat(exchange.head()).containsIgnoringCase("Content-Type: application/problem+json");
        assertThat(exchange.body())
                .contains("urn:dbaas:problem:rejected-request")
                .doesNotContain("unauthenticated");
    }

    @ParameterizedTest
    @ValueSource(strings = {"encoded slash", "header too large", "URL too large"})
    void aRequestTheServletContainerRefusesIsAProblemToo(String what) {
        String head =
                switch (what) {
                    case "encoded slash" -> "GET /v1/clusters/a%2Fb HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close";
                    case "header too large" ->
                        "GET /v1/clusters HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nX-Large: "
                                + "a".repeat(10_000);
                    default ->
                        "GET /v1/clusters/" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close";
                };

        Exchange exchange = new RawHttp(port).send(head);

        assertThat(exchange.status()).as(exchange.response()).isEqualTo(400);
        assertThat(exchange.head()).containsIgnoringCase("Content-Type: application/problem+json");
        assertThat(exchange.body())
                .contains("\"type\":\"urn:dbaas:problem:http-400\"")
                .doesNotContain("aaaa");
    }
}
