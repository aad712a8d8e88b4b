package io.dbaas.orion.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.orion.support.OrionIntegrationTests;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The API's description is public and tells clients how to authenticate and who may call what. */
class OpenApiTests extends OrionIntegrationTests {

    @Test
    void documentIsServedWithoutCredentialsAndDeclaresTheBearerScheme() throws Exception {
        Response response = anonymous().get("/v3/api-docs");
        java.nio.file.Files.writeString(java.nio.file.Path.of("target/api-docs.json"), response.body());

        assertThat(response.status()).isEqualTo(200);
        JsonNode document = response.json();
        JsonNode scheme = document.get("components").get("securitySchemes").get("managementToken");
        assertThat(scheme.get("type").asString()).isEqualTo("http");
        assertThat(scheme.get("scheme").asString()).isEqualTo("bearer");
        assertThat(document.get("security").get(0).has("managementToken")).isTrue();
    }

    @Test
    void everyEndpointIsDescribedWithWhoMayCallIt() {
        JsonNode paths = anonymous().get("/v3/api-docs").json().get("paths");

        assertThat(paths.propertyNames())
                .contains(
                        "/v1/clusters",
                        "/v1/clusters/{id}",
                        "/v1/clusters/{clusterId}/api-keys",
                        "/v1/clusters/{clusterId}/api-keys/{keyId}",
                        "/v1/clusters/{clusterId}/tokens",
                        "/v1/accounts",
                        "/v1/accounts/{accountId}/credentials",
                        "/v1/accounts/{accountId}/credentials/{credentialId}",
                        "/v1/engines",
                        "/v1/providers",
                        "/v1/providers/{provider}/regions/{region}/capacity");
        JsonNode claim = paths.get("/v1/clusters").get("post");
        assertThat(claim.get("description").asString()).contains("role admin");
        assertThat(claim.get("responses").has("401")).isTrue();
        assertThat(claim.get("responses").get("429").get("description").asString())
                .contains("urn:dbaas:problem:too-many-failed-authentications");
        assertThat(claim.get("responses").get("413").get("description").asString())
                .contains("urn:dbaas:problem:payload-too-large");
        assertThat(claim.get("responses").propertyNames()).contains("202", "200", "422");
        assertThat(claim.get("parameters").findValuesAsString("name")).contains("dry_run", "Idempotency-Key");
        assertThat(paths.get("/v1/accounts").get("post").get("description").asString())
                .contains("role operator");
        assertThat(paths.get("/v1/providers/{provider}/regions/{region}/capacity")
                        .get("put")
                        .get("description")
                        .asString())
                .contains("role operator");
        JsonNode list = paths.get("/v1/clusters").get("get");
        assertThat(list.get("parameters").findValuesAsString("name"))
                .containsExactlyInAnyOrder("state", "engine", "provider", "region", "page_size", "page_token")
                .as("the caller comes from the token, not a parameter")
                .doesNotContain("caller");
    }

    @Test
    void lifecycleEndpointsAreDescribedWithWhoMayCallThem() {
        JsonNode paths = anonymous().get("/v3/api-docs").json().get("paths");

        assertThat(paths.propertyNames()).contains("/v1/operations/{operationId}", "/v1/clusters/{id}/operations");
        JsonNode cluster = paths.get("/v1/clusters/{id}");
        assertThat(cluster.get("patch").get("description").asString()).contains("role admin");
        assertThat(cluster.get("patch").get("responses").propertyNames()).contains("202", "400", "409", "412", "422");
        assertThat(cluster.get("delete").get("description").asString()).contains("role admin");
        assertThat(paths.get("/v1/operations/{operationId}")
                        .get("get")
                        .get("description")
                        .asString())
                .contains("role viewer");
    }

    @Test
    void schemasUseTheNamesOnTheWire() {
        JsonNode schemas =
                anonymous().get("/v3/api-docs").json().get("components").get("schemas");

        assertThat(schemas.get("ClusterResponse").get("properties").propertyNames())
                .contains("node_resources", "nodes_ready", "created_at")
                .doesNotContain("nodeResources");
        assertThat(schemas.get("ClusterListResponse").get("properties").propertyNames())
                .contains("items", "next_page_token");
        assertThat(schemas.get("DryRunResponse").get("properties").propertyNames())
                .contains("dry_run", "waits_for_capacity", "cluster", "reservation");
        assertThat(schemas.get("CapacityResponse").get("properties").propertyNames())
                .contains("claims_waiting", "set_by", "available");
    }

    @Test
    void swaggerUiIsServedWithoutCredentials() {
        Response response = anonymous().get("/swagger-ui/index.html");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).containsIgnoringCase("swagger");
    }
}
