package io.dbaas.orion.cluster.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.contracts.command.UpgradeDBCluster;
import io.dbaas.orion.support.Claims;
import io.dbaas.orion.support.LifecycleIntegrationTests;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code PATCH} of a running Qdrant cluster's version: one minor version at a time, as Qdrant supports it; a skip is
 * refused before the {@code 202} naming the next version to take, and changes nothing. Clusters on versions no longer
 * offered to claims still upgrade, step by step, through the catalog's upgrade-only versions.
 */
class QdrantUpgradeTests extends LifecycleIntegrationTests {

    UUID cluster;

    @BeforeEach
    void aRunningQdrantCluster() {
        cluster = runningCluster(Claims.VALID.replace("\"1.18.3\"", "\"1.16.3\""));
    }

    @Test
    void upgradeToTheNextMinorIsAccepted() {
        Response accepted = patch("{\"version\": \"1.17.1\"}");

        assertThat(accepted.status()).isEqualTo(202);
        var command = (UpgradeDBCluster) nebula.command(cluster, operationIdOf(accepted));
        assertThat(command.clusterVersion()).isEqualTo("1.17.1");
        assertThat(command.previousVersion()).isEqualTo("1.16.3");
    }

    @Test
    void skippingAMinorIsRefusedNamingTheNextVersionAndChangesNothing() {
        String etag = get("/v1/clusters/" + cluster).header("ETag");
        long commands = commandsFor(cluster);

        Response refused = patch("{\"version\": \"1.19.0\"}");

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("type").asString()).isEqualTo("urn:dbaas:problem:change-refused");
        assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("version");
        assertThat(refused.json().get("errors").get(0).get("detail").asString())
                .contains("Qdrant upgrades one minor version at a time")
                .contains("upgrade to 1.17.1 first, then to 1.18.3, then to 1.19.0");
        assertThat(get("/v1/clusters/" + cluster).header("ETag")).isEqualTo(etag);
        assertThat(commandsFor(cluster)).isEqualTo(commands);
        assertThat(operationsOf(cluster)).as("only its creation").isEqualTo(1);
    }

    @Test
    void aClusterOnAVersionNoLongerOfferedUpgradesThroughTheUpgradeOnlyVersions() {
        runsVersion("1.13.6");

        Response refused = patch("{\"version\": \"1.16.3\"}");
        Response accepted = patch("{\"version\": \"1.14.1\"}");

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("errors").get(0).get("detail").asString())
                .contains("upgrade to 1.14.1 first, then to 1.15.5, then to 1.16.3");
        assertThat(accepted.status()).isEqualTo(202);
        var command = (UpgradeDBCluster) nebula.command(cluster, operationIdOf(accepted));
        assertThat(command.clusterVersion()).isEqualTo("1.14.1");
        assertThat(command.previousVersion()).isEqualTo("1.13.6");
    }

    @Test
    void upgradeOnlyVersionsAreNotOfferedToClaims() {
        Response refused = post("/v1/clusters", Claims.VALID.replace("\"1.18.3\"", "\"1.15.5\""));
        Response catalog = get("/v1/engines");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("errors").findValuesAsString("field")).contains("version");
        assertThat(catalog.body()).doesNotContain("1.15.5");
    }

    @Test
    void aVersionNeitherOfferedNorKeptForUpgradesIsRefused() {
        Response refused = patch("{\"version\": \"1.16.9\"}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("type").asString()).isEqualTo("urn:dbaas:problem:invalid-change");
        assertThat(refused.json().get("errors").get(0).get("detail").asString())
                .contains("not a version clusters are upgraded to");
    }

    /** Makes the cluster run {@code version}, as a cluster claimed while the catalog still offered it does. */
    private void runsVersion(String version) {
        jdbc.sql("update clusters set engine_version = :version, running_version = :version where id = :id")
                .param("version", version)
                .param("id", cluster)
                .update();
    }

    private Response patch(String body) {
        return as(account.adminToken()).patch("/v1/clusters/" + cluster, body);
    }
}
