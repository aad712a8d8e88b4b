package io.dbaas.orion.catalog.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.orion.support.OrionIntegrationTests;
import io.dbaas.orion.support.Regions;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The offer, as configured (and changed by operators), readable by every role. */
class CatalogTests extends OrionIntegrationTests {

    @Test
    void enginesListTheirVersionsAndDefault() {
        Response response = as(credential("viewer")).get("/v1/engines");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("items").findValuesAsString("id"))
                .as("in id order")
                .containsExactly("elasticsearch", "qdrant");
        JsonNode elasticsearch = response.json().get("items").get(0);
        assertThat(elasticsearch.get("versions").valueStream().map(JsonNode::asString))
                .containsExactly("8.19.21", "9.5.4");
        assertThat(elasticsearch.get("default_version").asString()).isEqualTo("9.5.4");
        JsonNode qdrant = response.json().get("items").get(1);
        assertThat(qdrant.get("id").asString()).isEqualTo("qdrant");
        assertThat(qdrant.get("versions").valueStream().map(JsonNode::asString))
                .containsExactly("1.16.3", "1.17.1", "1.18.3", "1.19.0");
        assertThat(qdrant.get("default_version").asString()).isEqualTo("1.19.0");
    }

    @Test
    void providersListTheirRegions() {
        Response response = as(credential("viewer")).get("/v1/providers");

        assertThat(response.status()).isEqualTo(200);
        JsonNode items = response.json().get("items");
        List<String> ids =
                items.valueStream().map(item -> item.get("id").asString()).toList();
        assertThat(ids)
                .as("in id order; the tests add a provider of their own for capacity, and others through the API")
                .isSorted()
                .contains("minikube", Regions.PROVIDER);
        JsonNode minikube = items.get(ids.indexOf("minikube"));
        assertThat(minikube.get("regions").findValuesAsString("id")).containsExactly("local");
        assertThat(minikube.get("regions").get(0).get("display_name").asString())
                .as("the id, as configuration names no region")
                .isEqualTo("local");
    }

    @Test
    void everyRoleReadsTheCatalogButNobodyAnonymously() {
        for (String path : new String[] {"/v1/engines", "/v1/providers"}) {
            assertThat(get(path).status()).isEqualTo(200);
            assertThat(as(OPERATOR_TOKEN).get(path).status()).isEqualTo(200);
            assertThat(anonymous().get(path).status()).isEqualTo(401);
        }
    }
}
