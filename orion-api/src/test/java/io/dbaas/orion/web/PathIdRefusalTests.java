package io.dbaas.orion.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.orion.support.OrionIntegrationTests;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A path id that is not an id names nothing: each is answered {@code 404} like the missing resource it would have
 * named, whichever feature owns the path (each names its own path ids to the application-wide handler).
 */
class PathIdRefusalTests extends OrionIntegrationTests {

    private static final String NOT_AN_ID = "not-an-id";

    @Test
    void aClusterPathIdThatIsNotAnIdIsAnsweredAsAMissingCluster() {
        assertNotFound(get("/v1/clusters/" + NOT_AN_ID), "cluster-not-found", "Cluster not found", "id");
        assertNotFound(
                get("/v1/clusters/" + NOT_AN_ID + "/operations"), "cluster-not-found", "Cluster not found", "id");
        assertNotFound(
                get("/v1/clusters/" + NOT_AN_ID + "/api-keys"), "cluster-not-found", "Cluster not found", "clusterId");
        assertNotFound(
                get("/v1/clusters/" + NOT_AN_ID + "/events"), "cluster-not-found", "Cluster not found", "clusterId");
    }

    @Test
    void anOperationPathIdThatIsNotAnIdIsAnsweredAsAMissingOperation() {
        assertNotFound(get("/v1/operations/" + NOT_AN_ID), "operation-not-found", "Operation not found", "operationId");
    }

    @Test
    void accountAndCredentialPathIdsThatAreNotIdsAreAnsweredAsMissing() {
        assertNotFound(
                get("/v1/accounts/" + NOT_AN_ID + "/credentials"),
                "account-not-found",
                "Account not found",
                "accountId");
        assertNotFound(
                delete("/v1/accounts/" + account.id() + "/credentials/" + NOT_AN_ID),
                "credential-not-found",
                "Credential not found",
                "credentialId");
    }

    private static void assertNotFound(Response response, String type, String title, String pathVariable) {
        assertThat(response.status()).as(response.body()).isEqualTo(404);
        JsonNode problem = response.json();
        assertThat(problem.get("type").asString()).isEqualTo("urn:dbaas:problem:" + type);
        assertThat(problem.get("title").asString()).isEqualTo(title);
        assertThat(problem.get("detail").asString()).isEqualTo("'" + pathVariable + "' is not an id");
    }
}
