package io.dbaas.orion.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.orion.support.Claims;
import io.dbaas.orion.support.OrionIntegrationTests;
import io.dbaas.orion.support.RawHttp;
import io.dbaas.orion.support.RawHttp.Exchange;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Input is taken as the API reference writes it, not as a lenient parser would guess it: no value of another JSON
 * type, no key given twice, no control character in a name. Each refusal is a {@code 400} naming the field.
 */
class StrictInputTests extends OrionIntegrationTests {

    @Test
    void aNumberWhereAStringIsExpectedIsRefused() {
        assertMalformed(post("/v1/clusters", Claims.VALID.replace("\"qdrant\"", "42")), "engine");
        assertMalformed(post("/v1/clusters", Claims.VALID.replace("\"10Gi\"", "10")), "disk");
    }

    @Test
    void aBooleanWhereAStringIsExpectedIsRefused() {
        assertMalformed(post("/v1/clusters", Claims.VALID.replace("\"vectors\"", "true")), "name");
    }

    @Test
    void aStringWhereANumberIsExpectedIsRefused() {
        assertMalformed(post("/v1/clusters", Claims.VALID.replace("\"nodes\": 3", "\"nodes\": \"3\"")), "nodes");
    }

    @Test
    void aNumberWhereADateIsExpectedIsRefused() {
        String cluster = post("/v1/clusters", Claims.VALID).json().get("id").asString();

        Response refused = post(
                "/v1/clusters/" + cluster + "/api-keys",
                "{\"name\": \"ci\", \"scope\": \"read-only\", \"expires_at\": 1893456000}");

        assertMalformed(refused, "expires_at");
    }

    @Test
    void aKeyGivenTwiceIsRefused() {
        Response refused = post("/v1/clusters", Claims.VALID.replace("\"name\": \"vectors\",", """
                "name": "vectors", "name": "other","""));

        assertMalformed(refused, "name");
    }

    @Test
    void controlCharactersAreRefusedInAccountAndCredentialNames() {
        Response account = as(OPERATOR_TOKEN).post("/v1/accounts", "{\"name\": \"acme\\u0007\"}");
        Response credential = post(
                "/v1/accounts/" + this.account.id() + "/credentials",
                "{\"name\": \"ci\\nrobot\", \"role\": \"viewer\"}");

        for (Response refused : new Response[] {account, credential}) {
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.json().get("type").asString()).isEqualTo("urn:dbaas:problem:invalid-request");
            assertThat(refused.json().get("errors").get(0).get("field").asString())
                    .isEqualTo("name");
        }
    }

    @Test
    void controlCharactersAreRefusedInClusterNames() {
        Response refused = post("/v1/clusters", Claims.VALID.replace("\"vectors\"", "\"vec\\ttors\""));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("name");
    }

    @Test
    void aNonAsciiIdempotencyKeyIsABadRequest() {
        // The key's UTF-8 bytes, written one byte a character as a client sending them raw would.
        String key = new String("clé-1".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);

        Exchange exchange = new RawHttp(port)
                .send(
                        "POST /v1/clusters HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nAuthorization: Bearer "
                                + account.adminToken()
                                + "\r\nContent-Type: application/json\r\nIdempotency-Key: " + key,
                        Claims.VALID);

        assertThat(exchange.status()).isEqualTo(400);
        assertThat(exchange.body())
                .contains("urn:dbaas:problem:invalid-request")
                .contains("Idempotency-Key");
    }

    private static void assertMalformed(Response refused, String field) {
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        JsonNode problem = refused.json();
        assertThat(problem.get("type").asString()).isEqualTo("urn:dbaas:problem:malformed-request");
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo(field);
    }
}
