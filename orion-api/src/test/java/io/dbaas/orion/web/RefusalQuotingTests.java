package io.dbaas.orion.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.orion.support.Claims;
import io.dbaas.orion.support.OrionIntegrationTests;
import org.junit.jupiter.api.Test;

/** A refusal names what it refuses by a short prefix, never by the whole of what was sent. */
class RefusalQuotingTests extends OrionIntegrationTests {

    private static final String LONG = "r".repeat(5_000);

    @Test
    void aLongValueIsQuotedByItsFirst64Characters() {
        Response refused = post("/v1/clusters", Claims.in("minikube", LONG));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("type").asString()).isEqualTo("urn:dbaas:problem:invalid-claim");
        assertThat(refused.json().get("errors").get(0).get("detail").asString())
                .startsWith("'" + "r".repeat(64) + "…'")
                .doesNotContain("r".repeat(65));
        assertThat(refused.body()).hasSizeLessThan(1024);
    }

    @Test
    void aLongUnknownFieldIsQuotedByItsFirst64Characters() {
        String field = "f".repeat(250);

        Response refused = post("/v1/clusters", Claims.VALID.replace("\"name\"", "\"" + field + "\": 1, \"name\""));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("detail").asString()).startsWith("'" + "f".repeat(64) + "…'");
        assertThat(refused.body()).doesNotContain("f".repeat(129)).hasSizeLessThan(1024);
    }

    @Test
    void aLongQueryParameterIsQuotedByItsFirst64Characters() {
        Response refused = get("/v1/clusters?state=" + "s".repeat(2_000));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).doesNotContain("s".repeat(65)).hasSizeLessThan(1024);
    }

    @Test
    void aShortValueIsQuotedWhole() {
        Response refused = post("/v1/clusters", Claims.in("minikube", "atlantis"));

        assertThat(refused.json().get("errors").get(0).get("detail").asString())
                .isEqualTo("'atlantis' is not an offered region of provider 'minikube'");
    }
}
