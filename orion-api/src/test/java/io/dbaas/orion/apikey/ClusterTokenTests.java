package io.dbaas.orion.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.contracts.security.ClusterTokens;
import io.dbaas.contracts.security.KeyScope;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Short-lived bearer tokens for a cluster, signed with a key derived from its master key; stored nowhere. */
class ClusterTokenTests extends ClusterCredentialTests {

    @Test
    void tokenOfEachScopeVerifiesForItsClusterOnlyUntilItExpires() {
        ProvisionedCluster cluster = runningCluster();
        byte[] signingKey = ClusterTokens.signingKey(cluster.masterKey());

        for (KeyScope scope : KeyScope.values()) {
            Response issued = post(tokensPath(cluster.id()), "{\"scope\": \"" + scope.id() + "\"}");

            assertThat(issued.status()).as(issued.body()).isEqualTo(201);
            assertThat(issued.header("Cache-Control")).contains("no-store");
            JsonNode body = issued.json();
            assertThat(body.get("token_type").asString()).isEqualTo("Bearer");
            assertThat(body.get("scope").asString()).isEqualTo(scope.id());
            Instant issuedAt = Instant.parse(body.get("issued_at").asString());
            Instant expiresAt = Instant.parse(body.get("expires_at").asString());
            assertThat(Duration.between(issuedAt, expiresAt))
                    .as("the default lifetime")
                    .isEqualTo(Duration.ofMinutes(15));
            String token = body.get("token").asString();
            ClusterTokens.VerifiedToken verified = ClusterTokens.verify(signingKey, cluster.id(), token, Instant.now())
                    .orElseThrow();
            assertThat(verified.scope()).isEqualTo(scope);
            assertThat(verified.tokenId()).isEqualTo(body.get("id").asString());
            assertThat(verified.expiresAt()).isEqualTo(expiresAt);
            assertThat(ClusterTokens.verify(signingKey, UUID.randomUUID(), token, Instant.now()))
                    .as("for another cluster")
                    .isEmpty();
            assertThat(ClusterTokens.verify(ClusterTokens.signingKey(masterKey()), cluster.id(), token, Instant.now()))
                    .as("under another master key")
                    .isEmpty();
            assertThat(ClusterTokens.verify(signingKey, cluster.id(), token, expiresAt))
                    .as("once expired")
                    .isEmpty();
            assertThat(issued.body()).doesNotContain(cluster.masterKey()).doesNotContain(cluster.sealedMasterKey());
        }
    }

    @Test
    void lifetimeAskedForIsTheTokensWithinTheBounds() {
        ProvisionedCluster cluster = runningCluster();

        for (int seconds : new int[] {60, 86_400}) {
            JsonNode body = post(
                            tokensPath(cluster.id()),
                            "{\"scope\": \"read-only\", \"expires_in_seconds\": " + seconds + "}")
                    .json();

            Instant expiresAt = Instant.parse(body.get("expires_at").asString());
            assertThat(Duration.between(Instant.parse(body.get("issued_at").asString()), expiresAt))
                    .isEqualTo(Duration.ofSeconds(seconds));
            assertThat(ClusterTokens.verify(
                                    ClusterTokens.signingKey(cluster.masterKey()),
                                    cluster.id(),
                                    body.get("token").asString(),
                                    Instant.now())
                            .orElseThrow()
                            .expiresAt())
                    .isEqualTo(expiresAt);
        }
    }

    @Test
    void lifetimeOutOfBoundsIsRefusedNamingTheField() {
        ProvisionedCluster cluster = runningCluster();

        for (int seconds : new int[] {59, 86_401, 0, -60}) {
            Response refused = post(
                    tokensPath(cluster.id()), "{\"scope\": \"read-only\", \"expires_in_seconds\": " + seconds + "}");

            assertThat(refused.status()).as("%d s", seconds).isEqualTo(422);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            assertThat(refused.json().get("type").asString()).isEqualTo("urn:dbaas:problem:expiry-out-of-range");
            assertThat(refused.json().get("errors").get(0).get("field").asString())
                    .isEqualTo("expires_in_seconds");
        }
    }

    @Test
    void missingUnknownOrMistypedFieldsAreRefused() {
        ProvisionedCluster cluster = runningCluster();

        Response noScope = post(tokensPath(cluster.id()), "{\"expires_in_seconds\": 600}");
        Response unknownScope = post(tokensPath(cluster.id()), "{\"scope\": \"superuser\"}");
        Response fraction = post(tokensPath(cluster.id()), "{\"scope\": \"read-only\", \"expires_in_seconds\": 90.5}");

        for (Response refused : List.of(noScope, unknownScope)) {
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.json().get("type").asString()).isEqualTo("urn:dbaas:problem:invalid-request");
            assertThat(refused.json().get("errors").get(0).get("field").asString())
                    .isEqualTo("scope");
        }
        assertThat(fraction.status()).isEqualTo(400);
        assertThat(fraction.json().get("errors").get(0).get("field").asString()).isEqualTo("expires_in_seconds");
    }

    @Test
    void viewerGetsNoToken() {
        ProvisionedCluster cluster = runningCluster();

        Response refused = as(credential("viewer")).post(tokensPath(cluster.id()), "{\"scope\": \"read-only\"}");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).doesNotContain("token\"");
    }

    @Test
    void clusterOfAnotherAccountOrWithoutAMasterKeyInUseGetsNoToken() {
        ProvisionedCluster theirs = runningCluster(openAccount("other").id());
        UUID missing = UUID.randomUUID();

        Response foreign = post(tokensPath(theirs.id()), "{\"scope\": \"read-only\"}");
        Response absent = post(tokensPath(missing), "{\"scope\": \"read-only\"}");
        Response pending = post(tokensPath(pendingCluster()), "{\"scope\": \"read-only\"}");
        Response failed = post(tokensPath(failedCluster()), "{\"scope\": \"read-only\"}");

        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.body().replace(theirs.id().toString(), "ID"))
                .isEqualTo(absent.body().replace(missing.toString(), "ID"));
        for (Response refused : List.of(pending, failed)) {
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.json().get("type").asString()).isEqualTo("urn:dbaas:problem:cluster-not-running");
        }
    }

    @Test
    void clusterWhoseSealedKeyDoesNotOpenGetsNoTokenAndAnErrorThatRevealsNothing() {
        ProvisionedCluster cluster = clusterSealedUnderAnotherKeyEncryptionKey();

        Response failed = post(tokensPath(cluster.id()), "{\"scope\": \"read-only\"}");

        assertThat(failed.status()).isEqualTo(500);
        assertThat(failed.header("Content-Type")).startsWith("application/problem+json");
        assertThat(failed.json().get("type").asString()).isEqualTo("urn:dbaas:problem:internal-error");
        assertThat(failed.body())
                .doesNotContain("token\"")
                .doesNotContain(cluster.masterKey())
                .doesNotContain(cluster.sealedMasterKey())
                .doesNotContainIgnoringCase("sealed")
                .doesNotContainIgnoringCase("exception");
    }

    private static String tokensPath(UUID clusterId) {
        return "/v1/clusters/" + clusterId + "/tokens";
    }
}
