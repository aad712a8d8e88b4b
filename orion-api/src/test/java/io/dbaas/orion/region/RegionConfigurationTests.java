package io.dbaas.orion.region;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.orion.support.OrionIntegrationTests;
import io.dbaas.orion.support.Regions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * How configuration and the operator's changes combine at a start: configuration adds the regions the catalog never
 * had, and what operators did through the API is kept.
 */
class RegionConfigurationTests extends OrionIntegrationTests {

    @Autowired
    ConfiguredRegions configuredRegions;

    @Autowired
    JdbcClient jdbc;

    @Test
    void startAddsConfiguredRegionsTheCatalogNeverHad() {
        String configured = Regions.unused();
        jdbc.sql("delete from regions where provider = :provider and region = :region")
                .param("provider", Regions.PROVIDER)
                .param("region", configured)
                .update();
        assertThat(regionIds()).doesNotContain(configured);

        configuredRegions.afterSingletonsInstantiated();

        assertThat(regionIds()).contains(configured);
        assertThat(jdbc.sql("select added_by from regions where provider = :provider and region = :region")
                        .param("provider", Regions.PROVIDER)
                        .param("region", configured)
                        .query(String.class)
                        .single())
                .isEqualTo("CONFIGURATION");
    }

    @Test
    void startKeepsWhatOperatorsDid() {
        String retired = Regions.unused();
        String added = "lab-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        assertThat(as(OPERATOR_TOKEN).delete(path(retired)).status()).isEqualTo(204);
        assertThat(as(OPERATOR_TOKEN).put(path(added), """
                                {"display_name": "Lab", "capacity": {"cpu": "2", "memory": "4Gi", "disk": "40Gi"}}""").status()).isEqualTo(201);

        configuredRegions.afterSingletonsInstantiated();

        assertThat(regionIds())
                .as("configuration still lists the retired region; it stays retired")
                .doesNotContain(retired)
                .contains(added);
        JsonNode capacity = as(OPERATOR_TOKEN).get(path(added) + "/capacity").json();
        assertThat(capacity.get("capacity").get("cpu").asString()).isEqualTo("2");
        assertThat(capacity.get("set_by").asString()).isEqualTo("operator");
    }

    private static String path(String region) {
        return "/v1/providers/" + Regions.PROVIDER + "/regions/" + region;
    }

    private List<String> regionIds() {
        for (JsonNode item : get("/v1/providers").json().get("items")) {
            if (item.get("id").asString().equals(Regions.PROVIDER)) {
                return item.get("regions").findValuesAsString("id");
            }
        }
        return List.of();
    }
}
