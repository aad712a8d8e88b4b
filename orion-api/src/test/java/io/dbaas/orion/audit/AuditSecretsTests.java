package io.dbaas.orion.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.orion.account.ManagementToken;
import io.dbaas.orion.support.LifecycleIntegrationTests;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The audit trail keeps ids, never a secret: no key, token or Authorization header is stored in any column. */
class AuditSecretsTests extends LifecycleIntegrationTests {

    @Test
    void noIssuedKeyTokenOrCredentialAppearsInTheTrail() {
        UUID cluster = runningCluster();
        Response key = post("/v1/clusters/" + cluster + "/api-keys", "{\"name\": \"ci\", \"scope\": \"read-write\"}");
        Response token = post("/v1/clusters/" + cluster + "/tokens", "{\"scope\": \"read-only\"}");
        String viewer = credential("viewer");
        TestAccount opened = openAccount("secret keeper");
        Response refusedKey = as(viewer).post("/v1/clusters/" + cluster + "/api-keys", "{\"name\": \"nope\"}");

        assertThat(key.status()).isEqualTo(201);
        assertThat(token.status()).isEqualTo(201);
        assertThat(refusedKey.status()).isEqualTo(403);
        String stored = new AuditRows(jdbc).everything();
        assertThat(stored)
                .contains(key.json().get("id").asString())
                .doesNotContain(key.json().get("key").asString())
                .doesNotContain(token.json().get("token").asString())
                .doesNotContain(viewer)
                .doesNotContain(ManagementToken.parse(viewer).orElseThrow().secret())
                .doesNotContain(opened.adminToken())
                .doesNotContain(account.adminToken())
                .doesNotContain(OPERATOR_TOKEN)
                .doesNotContainIgnoringCase("bearer");
    }
}
