package io.dbaas.orion.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.contracts.security.ApiKeys;
import io.dbaas.contracts.security.KeyScope;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Creating, listing and reading the API keys of a cluster: the key is shown once and kept nowhere. */
class ApiKeyTests extends ClusterCredentialTests {

    @Test
    void keyOfEachScopeAndExpiryCarriesThemAndIsGenuineForItsClusterOnly() {
        ProvisionedCluster cluster = runningCluster();
        Instant inThirtyDays = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

        for (KeyScope scope : KeyScope.values()) {
            for (Instant expiry : new Instant[] {null, inThirtyDays}) {
                Response created = post(keysPath(cluster.id()), request("ci " + scope.id(), scope.id(), expiry));

                assertThat(created.status()).as(created.body()).isEqualTo(201);
                assertThat(created.header("Cache-Control")).contains("no-store");
                JsonNode body = created.json();
                String key = body.get("key").asString();
                ApiKeys.PresentedKey presented = ApiKeys.parse(key).orElseThrow();
                assertThat(body.get("id").asString()).isEqualTo(presented.keyId());
                assertThat(created.header("Location")).isEqualTo(keysPath(cluster.id()) + "/" + presented.keyId());
                assertThat(presented.scope()).isEqualTo(scope);
                assertThat(body.get("scope").asString()).isEqualTo(scope.id());
                assertThat(presented.expiresAt()).isEqualTo(expiry);
                assertThat(
                                body.get("expires_at").isNull()
                                        ? null
                                        : Instant.parse(body.get("expires_at").asString()))
                        .isEqualTo(expiry);
                assertThat(body.get("name").asString()).isEqualTo("ci " + scope.id());
                assertThat(body.get("state").asString()).isEqualTo("active");
                assertThat(ApiKeys.isGenuine(cluster.masterKey(), presented)).isTrue();
                assertThat(ApiKeys.isGenuine(masterKey(), presented))
                        .as("another cluster's master key")
                        .isFalse();
                assertThat(created.body())
                        .doesNotContain(cluster.masterKey())
                        .doesNotContain(cluster.sealedMasterKey());
            }
        }
        assertThat(storedKeys(cluster.id())).isEqualTo(4);
    }

    @Test
    void expiryIsKeptToTheSecondTheKeyCarries() {
        ProvisionedCluster cluster = runningCluster();
        Instant expiry = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

        Response created = post(keysPath(cluster.id()), request("precise", "read-only", expiry.plusMillis(987)));

        assertThat(created.status()).isEqualTo(201);
        assertThat(Instant.parse(created.json().get("expires_at").asString())).isEqualTo(expiry);
        assertThat(ApiKeys.parse(created.json().get("key").asString())
                        .orElseThrow()
                        .expiresAt())
                .isEqualTo(expiry);
    }

    @Test
    void keyIsNeverShownAgainNorStored() {
        ProvisionedCluster cluster = runningCluster();
        Response created = post(keysPath(cluster.id()), request("dashboard", "read-only", null));
        String key = created.json().get("key").asString();
        String keyId = created.json().get("id").asString();
        // The part of the key that only the master key can make: it must not be anywhere but in that first answer.
        String secret = key.substring(ApiKeys.PREFIX.length() + keyId.length(), key.length() - 6);

        Response list = get(keysPath(cluster.id()));
        Response one = get(keysPath(cluster.id()) + "/" + keyId);
        String row = jdbc.sql("select k::text from api_keys k where key_id = :id")
                .param("id", keyId)
                .query(String.class)
                .single();

        assertThat(list.status()).isEqualTo(200);
        assertThat(one.status()).isEqualTo(200);
        for (String text : List.of(list.body(), one.body(), row)) {
            assertThat(text).doesNotContain(key).doesNotContain(secret).doesNotContain(cluster.masterKey());
        }
        assertThat(list.header("Cache-Control")).doesNotContain("public");
        assertThat(row).contains(keyId, ApiKeys.lastCharacters(key));
        assertThat(storedColumns()).doesNotContainAnyElementsOf(List.of("key", "key_hash", "mac", "secret"));
    }

    @Test
    void listShowsEachKeysMetadataAndLastCharactersOldestFirst() {
        ProvisionedCluster cluster = runningCluster();
        Instant expiry = Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        JsonNode first = post(keysPath(cluster.id()), request("first", "read-write", null))
                .json();
        JsonNode second = post(keysPath(cluster.id()), request("second", "read-only", expiry))
                .json();

        JsonNode items = get(keysPath(cluster.id())).json().get("items");

        assertThat(items).hasSize(2);
        JsonNode listed = items.get(1);
        assertThat(items.get(0).get("id").asString()).isEqualTo(first.get("id").asString());
        assertThat(listed.propertyNames())
                .containsExactlyInAnyOrder(
                        "id", "name", "scope", "created_at", "expires_at", "last_characters", "revoked_at", "state");
        assertThat(listed.get("id").asString()).isEqualTo(second.get("id").asString());
        assertThat(listed.get("name").asString()).isEqualTo("second");
        assertThat(listed.get("scope").asString()).isEqualTo("read-only");
        assertThat(Instant.parse(listed.get("expires_at").asString())).isEqualTo(expiry);
        assertThat(listed.get("last_characters").asString())
                .isEqualTo(ApiKeys.lastCharacters(second.get("key").asString()));
        assertThat(listed.get("revoked_at").isNull()).isTrue();
        assertThat(listed.get("state").asString()).isEqualTo("active");
        assertThat(listed.get("created_at").asString())
                .isEqualTo(second.get("created_at").asString());
    }

    @Test
    void viewerReadsKeysButNeitherCreatesNorRevokesThem() {
        ProvisionedCluster cluster = runningCluster();
        String keyId = post(keysPath(cluster.id()), request("existing", "read-write", null))
                .json()
                .get("id")
                .asString();
        String viewer = credential("viewer");

        Response create = as(viewer).post(keysPath(cluster.id()), request("mine", "read-write", null));
        Response revoke = as(viewer).delete(keysPath(cluster.id()) + "/" + keyId);

        assertForbidden(create);
        assertForbidden(revoke);
        assertThat(storedKeys(cluster.id())).isOne();
        assertThat(as(viewer).get(keysPath(cluster.id())).status()).isEqualTo(200);
        JsonNode stillActive =
                as(viewer).get(keysPath(cluster.id()) + "/" + keyId).json();
        assertThat(stillActive.get("state").asString()).isEqualTo("active");
    }

    @Test
    void missingOrWrongFieldsAreNamedAndNothingIsStored() {
        ProvisionedCluster cluster = runningCluster();

        assertInvalid(cluster, "{\"scope\": \"read-write\"}", "name");
        assertInvalid(cluster, request("  ", "read-write", null), "name");
        assertInvalid(cluster, request("x".repeat(65), "read-write", null), "name");
        assertInvalid(cluster, request("line\nbreak", "read-write", null), "name");
        assertInvalid(cluster, "{\"name\": \"no scope\"}", "scope");
        assertInvalid(cluster, request("admin", "admin", null), "scope");
        assertInvalid(cluster, "{}", "name", "scope");

        assertThat(storedKeys(cluster.id())).isZero();
        assertThat(post(keysPath(cluster.id()), request("x".repeat(64), "read-write", null))
                        .status())
                .as("64 characters is the limit, not beyond it")
                .isEqualTo(201);
    }

    @Test
    void expiryInThePastOrTooFarAheadIsRefusedAndNothingIsStored() {
        ProvisionedCluster cluster = runningCluster();

        Response past = post(
                keysPath(cluster.id()),
                request("old", "read-write", Instant.now().minusSeconds(60)));
        Response now = post(keysPath(cluster.id()), request("now", "read-write", Instant.now()));
        Response tooFar = post(
                keysPath(cluster.id()),
                request("forever", "read-write", Instant.now().plus(366, ChronoUnit.DAYS)));

        for (Response refused : List.of(past, now, tooFar)) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(422);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            JsonNode problem = refused.json();
            assertThat(problem.get("type").asString()).isEqualTo("urn:dbaas:problem:expiry-out-of-range");
            assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("expires_at");
        }
        assertThat(storedKeys(cluster.id())).isZero();
    }

    @Test
    void malformedBodyNamesTheFieldAndStoresNothing() {
        ProvisionedCluster cluster = runningCluster();

        Response notADate = post(
                keysPath(cluster.id()),
                "{\"name\": \"n\", \"scope\": \"read-only\", \"expires_at\": \"next tuesday\"}");
        Response unknownField =
                post(keysPath(cluster.id()), "{\"name\": \"n\", \"scope\": \"read-only\", \"key\": \"mine\"}");
        Response empty = post(keysPath(cluster.id()), "");

        assertThat(notADate.status()).isEqualTo(400);
        assertThat(notADate.json().get("type").asString()).isEqualTo("urn:dbaas:problem:malformed-request");
        assertThat(notADate.json().get("errors").get(0).get("field").asString()).isEqualTo("expires_at");
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.json().get("errors").get(0).get("field").asString())
                .isEqualTo("key");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(storedKeys(cluster.id())).isZero();
    }

    @Test
    void clusterWithoutAMasterKeyInUseGetsNoKeys() {
        UUID pending = pendingCluster();
        UUID failed = failedCluster();

        for (UUID cluster : List.of(pending, failed)) {
            Response refused = post(keysPath(cluster), request("early", "read-write", null));

            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            assertThat(refused.json().get("type").asString()).isEqualTo("urn:dbaas:problem:cluster-not-running");
            assertThat(storedKeys(cluster)).isZero();
        }
    }

    @Test
    void anotherAccountsClusterAndKeysAreNotFoundExactlyLikeMissingOnes() {
        TestAccount other = openAccount("other");
        ProvisionedCluster theirs = runningCluster(other.id());
        String theirKey = as(other.adminToken())
                .post(keysPath(theirs.id()), request("theirs", "read-write", null))
                .json()
                .get("id")
                .asString();
        UUID missing = UUID.randomUUID();

        List<Response> foreign = List.of(
                post(keysPath(theirs.id()), request("mine", "read-write", null)),
                get(keysPath(theirs.id())),
                get(keysPath(theirs.id()) + "/" + theirKey),
                delete(keysPath(theirs.id()) + "/" + theirKey));
        List<Response> absent = List.of(
                post(keysPath(missing), request("mine", "read-write", null)),
                get(keysPath(missing)),
                get(keysPath(missing) + "/" + theirKey),
                delete(keysPath(missing) + "/" + theirKey));

        for (int i = 0; i < foreign.size(); i++) {
            assertThat(foreign.get(i).status()).isEqualTo(404);
            assertThat(foreign.get(i).body().replace(theirs.id().toString(), "ID"))
                    .isEqualTo(absent.get(i).body().replace(missing.toString(), "ID"));
        }
        assertThat(storedKeys(theirs.id())).isOne();
        assertThat(as(other.adminToken())
                        .get(keysPath(theirs.id()) + "/" + theirKey)
                        .json()
                        .get("state")
                        .asString())
                .as("still active for its owner")
                .isEqualTo("active");
    }

    @Test
    void keyOfAnotherClusterOrUnknownIdIsNotFoundWithoutRepeatingWhatWasAsked() {
        ProvisionedCluster mine = runningCluster();
        ProvisionedCluster another = runningCluster();
        Response created = post(keysPath(another.id()), request("elsewhere", "read-write", null));
        String key = created.json().get("key").asString();
        String keyId = created.json().get("id").asString();

        Response wrongCluster = get(keysPath(mine.id()) + "/" + keyId);
        Response wholeKey = delete(keysPath(another.id()) + "/" + key);

        for (Response notFound : List.of(wrongCluster, wholeKey)) {
            assertThat(notFound.status()).isEqualTo(404);
            assertThat(notFound.json().get("type").asString()).isEqualTo("urn:dbaas:problem:api-key-not-found");
            assertThat(notFound.body()).doesNotContain(keyId);
        }
        assertThat(wholeKey.body()).doesNotContain(key);
    }

    @Test
    void clusterReadBackNeverShowsTheMasterKey() {
        ProvisionedCluster cluster = runningCluster();

        String body = get("/v1/clusters/" + cluster.id()).body();

        assertThat(body).doesNotContain(cluster.masterKey()).doesNotContain(cluster.sealedMasterKey());
    }

    private void assertInvalid(ProvisionedCluster cluster, String body, String... fields) {
        Response refused = post(keysPath(cluster.id()), body);

        assertThat(refused.status()).as(body).isEqualTo(400);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = refused.json();
        assertThat(problem.get("type").asString()).isEqualTo("urn:dbaas:problem:invalid-request");
        var named = new ArrayList<String>();
        problem.get("errors").forEach(error -> named.add(error.get("field").asString()));
        assertThat(named).as(body).containsExactlyInAnyOrder(fields);
    }

    private static void assertForbidden(Response response) {
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.json().get("type").asString()).isEqualTo("urn:dbaas:problem:forbidden");
    }

    private List<String> storedColumns() {
        return jdbc.sql("select column_name from information_schema.columns where table_name = 'api_keys'")
                .query(String.class)
                .list();
    }

    static String request(String name, String scope, @Nullable Instant expiresAt) {
        return """
                {"name": "%s", "scope": "%s", "expires_at": %s}""".formatted(name.replace("\n", "\\n"), scope, expiresAt == null ? "null" : "\"" + expiresAt + "\"");
    }
}
