package io.dbaas.orion.account.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.orion.account.ManagementToken;
import io.dbaas.orion.support.Claims;
import io.dbaas.orion.support.OrionIntegrationTests;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Who may call: no token, a bad token or a revoked one is refused alike; roles bound what a token may do. */
class AuthenticationTests extends OrionIntegrationTests {

    @Autowired
    JdbcClient jdbc;

    @Test
    void everyBadTokenIsAnsweredExactlyLikeNoTokenWith401() {
        String viewer = credential("viewer");
        ManagementToken known = ManagementToken.parse(viewer).orElseThrow();
        String wrongSecret = new ManagementToken(known.credentialId(), "x".repeat(43)).value();
        String unknown = ManagementToken.generate(UUID.randomUUID()).value();
        String revoked = credential("viewer");
        delete(credentialPath(ManagementToken.parse(revoked).orElseThrow().credentialId()));

        Response none = anonymous().get("/v1/clusters/" + UUID.randomUUID());

        assertThat(none.status()).isEqualTo(401);
        assertThat(none.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(none.header("Content-Type")).startsWith("application/problem+json");
        assertThat(none.json().get("type").asString()).isEqualTo("urn:dbaas:problem:unauthenticated");
        String path = "/v1/clusters/" + UUID.randomUUID();
        String expected = anonymous().get(path).body();
        for (Response refused : new Response[] {
            withAuthorization("Bearer not-a-token").get(path),
            withAuthorization("Basic YWRtaW46YWRtaW4=").get(path),
            withAuthorization("Bearer ").get(path),
            as(unknown).get(path),
            as(wrongSecret).get(path),
            as(revoked).get(path)
        }) {
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.header("WWW-Authenticate")).isEqualTo(none.header("WWW-Authenticate"));
            assertThat(refused.body()).isEqualTo(expected);
        }
        assertThat(as(viewer).get(path).status())
                .as("the genuine token still works")
                .isEqualTo(404);
    }

    @Test
    void revokedCredentialIsRefusedFromThenOn() {
        String viewer = credential("viewer");
        String clusterId = post("/v1/clusters", Claims.VALID).json().get("id").asString();
        assertThat(as(viewer).get("/v1/clusters/" + clusterId).status()).isEqualTo(200);

        Response revoked = delete(
                credentialPath(ManagementToken.parse(viewer).orElseThrow().credentialId()));

        assertThat(revoked.status()).isEqualTo(204);
        assertThat(as(viewer).get("/v1/clusters/" + clusterId).status()).isEqualTo(401);
    }

    @Test
    void viewerReadsButEveryWriteIsForbidden() {
        String viewer = credential("viewer");
        String clusterId = post("/v1/clusters", Claims.VALID).json().get("id").asString();
        long clusters = count("clusters");
        long credentials = count("credentials");

        assertThat(as(viewer).get("/v1/clusters/" + clusterId).status()).isEqualTo(200);
        Response claim = as(viewer).post("/v1/clusters", Claims.VALID);
        assertForbidden(claim);
        assertForbidden(as(viewer)
                .post("/v1/clusters/" + clusterId + "/api-keys", "{\"name\": \"mine\", \"scope\": \"read-write\"}"));
        assertForbidden(as(viewer).post("/v1/clusters/" + clusterId + "/tokens", "{\"scope\": \"read-only\"}"));
        assertForbidden(as(viewer).post(credentialsPath(), "{\"name\": \"mine\", \"role\": \"viewer\"}"));
        assertForbidden(as(viewer).get(credentialsPath()));
        assertForbidden(as(viewer).delete(credentialPath(UUID.randomUUID())));
        assertForbidden(as(viewer).post("/v1/accounts", "{\"name\": \"other\"}"));
        assertThat(count("clusters")).isEqualTo(clusters);
        assertThat(count("credentials")).isEqualTo(credentials);
    }

    @Test
    void adminMayNeitherOpenAccountsNorCreateOperators() {
        long accounts = count("accounts");

        assertForbidden(post("/v1/accounts", "{\"name\": \"another tenant\"}"));
        assertForbidden(post(credentialsPath(), "{\"name\": \"escalation\", \"role\": \"operator\"}"));

        assertThat(count("accounts")).isEqualTo(accounts);
    }

    @Test
    void adminCreatesAdminsAndViewersOfItsAccount() {
        Response admin = post(credentialsPath(), "{\"name\": \"ci pipeline\", \"role\": \"admin\"}");

        assertThat(admin.status()).isEqualTo(201);
        assertThat(admin.header("Cache-Control")).contains("no-store");
        assertThat(admin.json().get("role").asString()).isEqualTo("admin");
        assertThat(as(admin.json().get("token").asString())
                        .post("/v1/clusters", Claims.VALID)
                        .status())
                .isEqualTo(202);
    }

    @Test
    void operatorOpensAccountsEachWithAFirstAdministrator() {
        Response opened = as(OPERATOR_TOKEN).post("/v1/accounts", "{\"name\": \"acme\"}");

        assertThat(opened.status()).isEqualTo(201);
        assertThat(opened.header("Cache-Control")).contains("no-store");
        String id = opened.json().get("id").asString();
        assertThat(opened.header("Location")).isEqualTo("/v1/accounts/" + id);
        assertThat(opened.json().get("name").asString()).isEqualTo("acme");
        assertThat(opened.json().get("admin").get("role").asString()).isEqualTo("admin");
        String admin = opened.json().get("admin").get("token").asString();
        assertThat(as(admin).get("/v1/accounts/" + id + "/credentials").status())
                .isEqualTo(200);
    }

    @Test
    void pathsOutsideTheApiAreRefused() {
        assertThat(anonymous().get("/internal").status()).isEqualTo(401);
        assertThat(get("/internal").status()).isEqualTo(403);
    }

    private static void assertForbidden(Response response) {
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("type").asString()).isEqualTo("urn:dbaas:problem:forbidden");
    }

    private String credentialsPath() {
        return "/v1/accounts/" + account.id() + "/credentials";
    }

    private String credentialPath(UUID credentialId) {
        return credentialsPath() + "/" + credentialId;
    }

    private long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }
}
