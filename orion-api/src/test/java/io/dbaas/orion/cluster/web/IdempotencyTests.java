package io.dbaas.orion.cluster.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.orion.support.AtOnce;
import io.dbaas.orion.support.Claims;
import io.dbaas.orion.support.OrionIntegrationTests;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@code Idempotency-Key} on claims: a repeat is answered as the first request was and creates nothing. */
class IdempotencyTests extends OrionIntegrationTests {

    @Autowired
    JdbcClient jdbc;

    String key;

    @BeforeEach
    void newKey() {
        key = UUID.randomUUID().toString();
    }

    @Test
    void sameKeyAndBodyGetTheSameResponseAndOneCluster() {
        Response first = claimWithKey(Claims.VALID);
        Response repeat = claimWithKey(Claims.VALID);

        assertThat(first.status()).isEqualTo(202);
        assertThat(repeat.status()).isEqualTo(202);
        assertThat(repeat.body()).isEqualTo(first.body());
        assertThat(repeat.header("Location"))
                .isEqualTo(first.header("Location"))
                .isNotBlank();
        assertThat(first.header("Idempotent-Replayed")).isEqualTo("false");
        assertThat(repeat.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(clustersOfTheAccount()).isEqualTo(1);
        assertThat(commandsFor(first.json().get("id").asString())).isEqualTo(1);
    }

    @Test
    void sameBodyWrittenDifferentlyIsTheSameRequest() {
        Response first = claimWithKey(Claims.VALID);
        String reordered = """
                {"region": "local", "provider": "minikube", "disk": "10Gi", "memory": "1Gi", "cpu": "500m",
                 "nodes": 3, "version": "1.18.3", "engine": "qdrant", "name": "vectors"}""";

        Response repeat = claimWithKey(reordered);

        assertThat(repeat.status()).isEqualTo(202);
        assertThat(repeat.json().get("id")).isEqualTo(first.json().get("id"));
        assertThat(clustersOfTheAccount()).isEqualTo(1);
    }

    @Test
    void sameKeyWithAnotherBodyIsRefused() {
        claimWithKey(Claims.VALID);

        Response other = claimWithKey(Claims.VALID.replace("\"nodes\": 3", "\"nodes\": 4"));

        assertThat(other.status()).isEqualTo(422);
        assertThat(other.header("Content-Type")).startsWith("application/problem+json");
        assertThat(other.json().get("type").asString()).isEqualTo("urn:dbaas:problem:idempotency-key-reused");
        assertThat(clustersOfTheAccount()).isEqualTo(1);
    }

    @Test
    void keysBelongToTheirAccount() {
        Response mine = claimWithKey(Claims.VALID);
        TestAccount other = openAccount("other");

        Response theirs = as(other.adminToken()).post("/v1/clusters", Claims.VALID, "Idempotency-Key", key);

        assertThat(theirs.status()).isEqualTo(202);
        assertThat(theirs.header("Idempotent-Replayed")).isEqualTo("false");
        assertThat(theirs.json().get("id")).isNotEqualTo(mine.json().get("id"));
    }

    @Test
    void expiredKeyStartsANewRequest() {
        Response first = claimWithKey(Claims.VALID);
        jdbc.sql("update idempotency_keys set expires_at = now() - interval '1 second' where idempotency_key = :key")
                .param("key", key)
                .update();

        Response later = claimWithKey(Claims.VALID.replace("\"nodes\": 3", "\"nodes\": 4"));

        assertThat(later.status()).isEqualTo(202);
        assertThat(later.json().get("id")).isNotEqualTo(first.json().get("id"));
        assertThat(clustersOfTheAccount()).isEqualTo(2);
    }

    @Test
    void refusedClaimDoesNotUseUpItsKey() {
        Response refused = claimWithKey(Claims.VALID.replace("\"nodes\": 3", "\"nodes\": 0"));

        Response corrected = claimWithKey(Claims.VALID);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(corrected.status()).isEqualTo(202);
        assertThat(corrected.header("Idempotent-Replayed")).isEqualTo("false");
    }

    @Test
    void malformedKeyIsAProblemNamingTheHeader() {
        Response response = post("/v1/clusters", Claims.VALID, "Idempotency-Key", "x".repeat(256));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("type").asString()).isEqualTo("urn:dbaas:problem:invalid-request");
        assertThat(response.json().get("errors").findValuesAsString("field")).containsExactly("Idempotency-Key");
        assertThat(clustersOfTheAccount()).isZero();
    }

    /**
     * A script whose key variable came out empty sends the header with no value: refused, so that running it twice
     * cannot make two clusters where the author meant one.
     */
    @Test
    void emptyKeyIsRefusedAndCreatesNothing() {
        for (String empty : List.of("", "   ")) {
            Response response = post("/v1/clusters", Claims.VALID, "Idempotency-Key", empty);

            assertThat(response.status()).as("key '%s'", empty).isEqualTo(400);
            assertThat(response.json().get("type").asString()).isEqualTo("urn:dbaas:problem:invalid-request");
            assertThat(response.json().get("errors").findValuesAsString("field"))
                    .containsExactly("Idempotency-Key");
        }
        assertThat(clustersOfTheAccount()).isZero();
    }

    @Test
    void concurrentRequestsWithOneKeyCreateOneCluster() throws Exception {
        int requests = 10;
        List<Response> responses = AtOnce.fire(requests, () -> claimWithKey(Claims.VALID));

        assertThat(responses).extracting(Response::status).containsOnly(202);
        assertThat(responses)
                .extracting(Response::body)
                .containsOnly(responses.getFirst().body());
        assertThat(responses)
                .extracting(response -> response.header("Idempotent-Replayed"))
                .containsOnlyOnce("false");
        assertThat(clustersOfTheAccount()).isEqualTo(1);
    }

    private Response claimWithKey(String claim) {
        return as(account.adminToken()).post("/v1/clusters", claim, "Idempotency-Key", key);
    }

    private Response post(String path, String json, String... headers) {
        return as(account.adminToken()).post(path, json, headers);
    }

    private long clustersOfTheAccount() {
        return jdbc.sql("select count(*) from clusters where account_id = :account")
                .param("account", account.id())
                .query(Long.class)
                .single();
    }

    private long commandsFor(String clusterId) {
        return jdbc.sql("select count(*) from outbox_messages where message_key = :id")
                .param("id", clusterId)
                .query(Long.class)
                .single();
    }
}
