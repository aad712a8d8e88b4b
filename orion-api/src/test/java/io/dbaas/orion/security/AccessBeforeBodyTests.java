package io.dbaas.orion.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.orion.support.Claims;
import io.dbaas.orion.support.OrionIntegrationTests;
import io.dbaas.orion.support.RawHttp;
import io.dbaas.orion.support.RawHttp.Exchange;
import org.junit.jupiter.api.Test;

/**
 * Who may call, and whose resource it is, are decided before the body is read: a caller barred by its role gets
 * {@code 403}, and a caller naming another account's cluster or account gets {@code 404}, whatever the body holds.
 */
class AccessBeforeBodyTests extends OrionIntegrationTests {

    private static final String MALFORMED = "{\"name\": ";

    @Test
    void aViewersMalformedWritesAreForbiddenNotMalformed() {
        String viewer = credential("viewer");
        String cluster = post("/v1/clusters", Claims.VALID).json().get("id").asString();

        assertThat(as(viewer).post("/v1/clusters", MALFORMED).status()).isEqualTo(403);
        assertThat(as(viewer).post("/v1/clusters", "{\"nodes\": \"three\"}").status())
                .isEqualTo(403);
        assertThat(as(viewer).patch("/v1/clusters/" + cluster, MALFORMED).status())
                .isEqualTo(403);
        assertThat(as(viewer)
                        .post("/v1/clusters/" + cluster + "/api-keys", MALFORMED)
                        .status())
                .isEqualTo(403);
        assertThat(as(viewer)
                        .post("/v1/clusters/" + cluster + "/tokens", MALFORMED)
                        .status())
                .isEqualTo(403);
        Response credential = as(viewer).post("/v1/accounts/" + account.id() + "/credentials", MALFORMED);
        assertThat(credential.status()).isEqualTo(403);
        assertThat(credential.json().get("type").asString()).isEqualTo("urn:dbaas:problem:forbidden");
    }

    @Test
    void aViewersHugeClaimIsForbiddenWithoutItsBodyBeingRead() {
        String viewer = credential("viewer");

        Exchange exchange = new RawHttp(port)
                .sendChunked(
                        "POST /v1/clusters HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + viewer
                                + "\r\nContent-Type: application/json",
                        MALFORMED,
                        100L * 1024 * 1024);

        assertThat(exchange.status()).isEqualTo(403);
        assertThat(exchange.body()).contains("urn:dbaas:problem:forbidden");
        assertThat(exchange.bodyBytesSent()).isLessThan(32L * 1024 * 1024);
    }

    @Test
    void aMalformedWriteToAnotherAccountsClusterIsNotFound() {
        TestAccount other = openAccount("other");
        String theirs = as(other.adminToken())
                .post("/v1/clusters", Claims.VALID)
                .json()
                .get("id")
                .asString();

        Response patched = as(account.adminToken()).patch("/v1/clusters/" + theirs, MALFORMED);
        assertThat(patched.status()).isEqualTo(404);
        assertThat(patched.json().get("type").asString()).isEqualTo("urn:dbaas:problem:cluster-not-found");
        assertThat(post("/v1/clusters/" + theirs + "/api-keys", "{\"unknown\": 1}")
                        .status())
                .isEqualTo(404);
        assertThat(post("/v1/clusters/" + theirs + "/tokens", MALFORMED).status())
                .isEqualTo(404);
        assertThat(as(other.adminToken())
                        .patch("/v1/clusters/" + theirs, MALFORMED)
                        .status())
                .as("its owner's malformed change is still malformed")
                .isEqualTo(400);
    }

    @Test
    void aMalformedCredentialForAnotherAccountIsNotFound() {
        TestAccount other = openAccount("other");

        Response created = post("/v1/accounts/" + other.id() + "/credentials", MALFORMED);

        assertThat(created.status()).isEqualTo(404);
        assertThat(created.json().get("type").asString()).isEqualTo("urn:dbaas:problem:account-not-found");
        assertThat(post("/v1/accounts/" + account.id() + "/credentials", MALFORMED)
                        .status())
                .as("a malformed credential for one's own account is still malformed")
                .isEqualTo(400);
    }
}
