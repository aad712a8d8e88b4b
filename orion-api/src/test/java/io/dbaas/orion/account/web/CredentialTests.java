package io.dbaas.orion.account.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.orion.account.ManagementToken;
import io.dbaas.orion.support.OrionIntegrationTests;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Management credentials: shown once, stored as hashes, listed as metadata, confined to their account. */
class CredentialTests extends OrionIntegrationTests {

    @Autowired
    JdbcClient jdbc;

    @Test
    void tokenIsStoredOnlyAsItsHash() {
        String token = credential("viewer");
        ManagementToken parsed = ManagementToken.parse(token).orElseThrow();

        byte[] stored = jdbc.sql("select token_hash from credentials where id = :id")
                .param("id", parsed.credentialId())
                .query(byte[].class)
                .single();
        List<String> everyRow = jdbc.sql("select c::text from credentials c")
                .query(String.class)
                .list();
        List<String> everyAccount =
                jdbc.sql("select a::text from accounts a").query(String.class).list();

        assertThat(stored).isEqualTo(parsed.hash()).hasSize(32);
        assertThat(String.join("\n", everyRow)).doesNotContain(token).doesNotContain(parsed.secret());
        assertThat(String.join("\n", everyAccount)).doesNotContain(parsed.secret());
    }

    @Test
    void listShowsMetadataButNeverTokensOrHashes() {
        String viewer = credential("viewer");
        UUID viewerId = ManagementToken.parse(viewer).orElseThrow().credentialId();
        delete(credentialsPath() + "/" + viewerId);

        Response listed = get(credentialsPath());

        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body())
                .doesNotContain(viewer)
                .doesNotContain(account.adminToken())
                .doesNotContain("token")
                .doesNotContain("hash");
        JsonNode items = listed.json().get("items");
        assertThat(items.findValuesAsString("role")).containsExactly("admin", "viewer");
        assertThat(items.get(1).get("id").asString()).isEqualTo(viewerId.toString());
        assertThat(items.get(1).get("revoked_at").isNull()).isFalse();
        assertThat(items.get(0).get("revoked_at").isNull()).isTrue();
    }

    @Test
    void theLastAdministratorCannotBeRevokedButOneOfTwoCan() {
        UUID firstAdmin =
                ManagementToken.parse(account.adminToken()).orElseThrow().credentialId();

        Response refused = delete(credentialsPath() + "/" + firstAdmin);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("type").asString()).isEqualTo("urn:dbaas:problem:last-administrator");
        assertThat(get(credentialsPath()).status()).as("the admin still works").isEqualTo(200);

        String secondAdmin = credential("admin");
        Response revoked = as(secondAdmin).delete(credentialsPath() + "/" + firstAdmin);
        Response refusedAgain = as(secondAdmin)
                .delete(credentialsPath() + "/"
                        + ManagementToken.parse(secondAdmin).orElseThrow().credentialId());

        assertThat(revoked.status()).isBetween(200, 204);
        assertThat(get(credentialsPath()).status())
                .as("the first admin is revoked")
                .isEqualTo(401);
        assertThat(refusedAgain.status()).isEqualTo(409);
    }

    @Test
    void anotherAccountsCredentialsAreNotFound() {
        TestAccount other = openAccount("other");
        UUID otherAdmin =
                ManagementToken.parse(other.adminToken()).orElseThrow().credentialId();
        String theirs = "/v1/accounts/" + other.id() + "/credentials";

        Response list = get(theirs);
        Response create = post(theirs, "{\"name\": \"intruder\", \"role\": \"admin\"}");
        Response revokeThere = delete(theirs + "/" + otherAdmin);
        Response revokeHere = delete(credentialsPath() + "/" + otherAdmin);

        for (Response response : List.of(list, create, revokeThere)) {
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.json().get("type").asString()).isEqualTo("urn:dbaas:problem:account-not-found");
        }
        assertThat(revokeHere.status()).isEqualTo(404);
        assertThat(revokeHere.json().get("type").asString()).isEqualTo("urn:dbaas:problem:credential-not-found");
        assertThat(as(other.adminToken()).get(theirs).status())
                .as("their administrator is untouched")
                .isEqualTo(200);
    }

    @Test
    void credentialWithoutAKnownRoleOrANameIsRefused() {
        Response unknownRole = post(credentialsPath(), "{\"name\": \"x\", \"role\": \"superuser\"}");
        Response noName = post(credentialsPath(), "{\"role\": \"viewer\"}");
        Response unknownField = post(credentialsPath(), "{\"name\": \"x\", \"role\": \"viewer\", \"admin\": true}");

        assertThat(unknownRole.status()).isEqualTo(400);
        assertThat(unknownRole.json().get("type").asString()).isEqualTo("urn:dbaas:problem:invalid-request");
        assertThat(unknownRole.json().get("errors").findValuesAsString("field")).containsExactly("role");
        assertThat(noName.status()).isEqualTo(400);
        assertThat(noName.json().get("errors").findValuesAsString("field")).containsExactly("name");
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.json().get("type").asString()).isEqualTo("urn:dbaas:problem:malformed-request");
    }

    private String credentialsPath() {
        return "/v1/accounts/" + account.id() + "/credentials";
    }
}
