package io.dbaas.orion.cluster.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.orion.support.ClaimTables;
import io.dbaas.orion.support.Claims;
import io.dbaas.orion.support.OrionIntegrationTests;
import io.dbaas.orion.support.Regions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** {@code ?dry_run=true}: the whole validation, capacity included, and nothing stored or published. */
class DryRunTests extends OrionIntegrationTests {

    @Autowired
    JdbcClient jdbc;

    @Test
    void dryRunTellsWhatWouldBeCreatedAndStoresNothing() {
        List<Long> before = ClaimTables.rowCounts(jdbc);

        Response response = post("/v1/clusters?dry_run=true", Claims.VALID);

        assertThat(response.status()).isEqualTo(200);
        JsonNode answer = response.json();
        assertThat(answer.get("dry_run").asBoolean()).isTrue();
        assertThat(answer.get("waits_for_capacity").asBoolean()).isFalse();
        assertThat(answer.get("cluster").get("name").asString()).isEqualTo("vectors");
        assertThat(answer.get("cluster").get("version").asString()).isEqualTo("1.18.3");
        assertThat(answer.get("cluster").get("state").asString()).isEqualTo("PENDING");
        assertThat(answer.get("cluster").has("id")).isFalse();
        assertThat(answer.get("reservation").get("cpu").asString()).isEqualTo("1500m");
        assertThat(answer.get("reservation").get("disk").asString()).isEqualTo("30Gi");
        assertThat(response.header("Location")).isEmpty();
        assertThat(ClaimTables.rowCounts(jdbc)).isEqualTo(before);
    }

    @Test
    void dryRunSaysWhenTheClaimWouldWaitForCapacity() {
        String region = Regions.unused();
        List<Long> before = ClaimTables.rowCounts(jdbc);

        Response response = post("/v1/clusters?dry_run=true", Claims.in(Regions.PROVIDER, region));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("waits_for_capacity").asBoolean()).isTrue();
        assertThat(response.json().get("cluster").get("state").asString()).isEqualTo("WAITING_FOR_CAPACITY");
        assertThat(response.json().get("cluster").get("reason").asString()).contains(region);
        assertThat(ClaimTables.rowCounts(jdbc)).isEqualTo(before);
    }

    @Test
    void dryRunRefusesWhatTheClaimWouldRefuseAndIgnoresTheKey() {
        List<Long> before = ClaimTables.rowCounts(jdbc);

        Response invalid = post("/v1/clusters?dry_run=true", Claims.VALID.replace("\"local\"", "\"mars\""));
        Response keyed = as(account.adminToken())
                .post("/v1/clusters?dry_run=true", Claims.VALID, "Idempotency-Key", "dry-run-key");

        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().get("errors").findValuesAsString("field")).containsExactly("region");
        assertThat(keyed.status()).isEqualTo(200);
        assertThat(ClaimTables.rowCounts(jdbc)).isEqualTo(before);
    }

    @Test
    void dryRunThatIsNotABooleanIsAProblem() {
        Response response = post("/v1/clusters?dry_run=maybe", Claims.VALID);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").findValuesAsString("field")).containsExactly("dry_run");
    }
}
