package io.dbaas.orion.cluster.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.orion.support.Claims;
import io.dbaas.orion.support.OrionIntegrationTests;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** An account never sees or changes another account's clusters: their ids answer exactly like missing ones. */
class CrossAccountTests extends OrionIntegrationTests {

    @Test
    void anotherAccountsClusterIsNotFoundExactlyLikeAMissingOne() {
        TestAccount other = openAccount("other");
        String theirs = as(other.adminToken())
                .post("/v1/clusters", Claims.VALID)
                .json()
                .get("id")
                .asString();
        String missing = UUID.randomUUID().toString();

        Response foreign = get("/v1/clusters/" + theirs);
        Response absent = get("/v1/clusters/" + missing);

        assertThat(foreign.status()).isEqualTo(404).isEqualTo(absent.status());
        assertThat(foreign.header("Content-Type")).isEqualTo(absent.header("Content-Type"));
        assertThat(foreign.body().replace(theirs, "ID")).isEqualTo(absent.body().replace(missing, "ID"));
        assertThat(as(other.adminToken()).get("/v1/clusters/" + theirs).status())
                .as("its owner still sees it")
                .isEqualTo(200);
    }

    @Test
    void anotherAccountsClusterGetsNoKeys() {
        TestAccount other = openAccount("other");
        String theirs = as(other.adminToken())
                .post("/v1/clusters", Claims.VALID)
                .json()
                .get("id")
                .asString();
        String missing = UUID.randomUUID().toString();

        String key = "{\"name\": \"mine\", \"scope\": \"read-write\"}";
        Response foreign = post("/v1/clusters/" + theirs + "/api-keys", key);
        Response absent = post("/v1/clusters/" + missing + "/api-keys", key);

        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.body().replace(theirs, "ID")).isEqualTo(absent.body().replace(missing, "ID"));
    }
}
