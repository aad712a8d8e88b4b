package io.dbaas.orion.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.orion.account.ManagementToken;
import io.dbaas.orion.support.Claims;
import io.dbaas.orion.support.LifecycleIntegrationTests;
import io.dbaas.orion.support.Regions;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every kind of change made through Orion leaves exactly one accepted event, naming the credential that made it, its
 * role, the resource, the account and the client's address; a change that creates nothing leaves none.
 */
class AuditedChangesTests extends LifecycleIntegrationTests {

    private AuditRows rows;

    @BeforeEach
    void readRows() {
        rows = new AuditRows(jdbc);
    }

    @Test
    void claimChangeAndDeletionOfAClusterEachLeaveOneAcceptedEvent() {
        UUID cluster = runningCluster();
        UUID change = operationIdOf(patch(cluster, "{\"nodes\": 5}"));
        nebula.updated(cluster, change, "1.18.3", 5);
        awaitState(cluster, "RUNNING");

        assertThat(delete("/v1/clusters/" + cluster).status()).isEqualTo(202);

        for (String action : List.of("cluster.claim", "cluster.change", "cluster.delete")) {
            assertAcceptedOnce(action, "cluster", cluster.toString(), account.id(), admin(), "admin", 202);
        }
    }

    @Test
    void keysTokensAndCredentialsEachLeaveOneAcceptedEvent() {
        UUID cluster = runningCluster();
        Response key = post("/v1/clusters/" + cluster + "/api-keys", "{\"name\": \"ci\", \"scope\": \"read-only\"}");
        String keyId = key.json().get("id").asString();
        assertThat(delete("/v1/clusters/" + cluster + "/api-keys/" + keyId).status())
                .isEqualTo(204);
        assertThat(post("/v1/clusters/" + cluster + "/tokens", "{\"scope\": \"read-only\"}")
                        .status())
                .isEqualTo(201);
        UUID viewer = ManagementToken.parse(credential("viewer")).orElseThrow().credentialId();
        assertThat(delete("/v1/accounts/" + account.id() + "/credentials/" + viewer)
                        .status())
                .isEqualTo(204);

        assertAcceptedOnce("api-key.issue", "api-key", keyId, account.id(), admin(), "admin", 201);
        assertAcceptedOnce("api-key.revoke", "api-key", keyId, account.id(), admin(), "admin", 204);
        assertAcceptedOnce("cluster-token.issue", "cluster", cluster.toString(), account.id(), admin(), "admin", 201);
        assertAcceptedOnce("credential.issue", "credential", viewer.toString(), account.id(), admin(), "admin", 201);
        assertAcceptedOnce("credential.revoke", "credential", viewer.toString(), account.id(), admin(), "admin", 204);
    }

    @Test
    void operatorChangesNameTheOperatorAndTheAccountOrRegionTheyConcern() {
        UUID operator = ManagementToken.parse(OPERATOR_TOKEN).orElseThrow().credentialId();
        String region = "audit-" + UUID.randomUUID().toString().substring(0, 8);
        String regionPath = "/v1/providers/" + Regions.PROVIDER + "/regions/" + region;
        String regionId = Regions.PROVIDER + "/" + region;

        assertThat(as(OPERATOR_TOKEN).put(regionPath, "{}").status()).isEqualTo(201);
        assertThat(as(OPERATOR_TOKEN)
                        .put(regionPath + "/capacity", "{\"cpu\": \"4\", \"memory\": \"8Gi\", \"disk\": \"100Gi\"}")
                        .status())
                .isEqualTo(200);
        assertThat(as(OPERATOR_TOKEN).delete(regionPath).status()).isEqualTo(204);

        // The test's account was opened by the operator before the test: the event is in that account's trail.
        assertAcceptedOnce("account.open", "account", account.id().toString(), account.id(), operator, "operator", 201);
        UUID platform = (UUID) rows.of("region.put", regionId).getFirst().get("account_id");
        assertThat(platform).as("the operator's own account").isNotEqualTo(account.id());
        assertAcceptedOnce("region.put", "region", regionId, platform, operator, "operator", 201);
        assertAcceptedOnce("capacity.resize", "region", regionId, platform, operator, "operator", 200);
        assertAcceptedOnce("region.retire", "region", regionId, platform, operator, "operator", 204);
    }

    @Test
    void dryRunsAndRepeatedIdempotentClaimsChangeNothingAndLeaveNoEvent() {
        assertThat(post("/v1/clusters?dry_run=true", Claims.VALID).status()).isEqualTo(200);
        Response first = as(account.adminToken()).post("/v1/clusters", Claims.VALID, "Idempotency-Key", "audit-once");
        Response repeat = as(account.adminToken()).post("/v1/clusters", Claims.VALID, "Idempotency-Key", "audit-once");

        assertThat(first.status()).isEqualTo(202);
        assertThat(repeat.header("Idempotent-Replayed")).isEqualTo("true");
        List<Map<String, Object>> claims = rows.of(account.id(), "cluster.claim");
        assertThat(claims).hasSize(1);
        assertThat(claims.getFirst().get("resource_id"))
                .isEqualTo(first.json().get("id").asString());
    }

    @Test
    void aForwardedForHeaderFromAnUntrustedPeerIsNotTheRecordedAddress() {
        Response issued = as(account.adminToken())
                .post(
                        "/v1/accounts/" + account.id() + "/credentials",
                        "{\"name\": \"forwarded\", \"role\": \"viewer\"}",
                        "X-Forwarded-For",
                        "203.0.113.9",
                        "Forwarded",
                        "for=203.0.113.9");

        assertThat(issued.status()).isEqualTo(201);
        assertThat(rows.of(account.id(), "credential.issue")).singleElement().satisfies(event -> assertThat(event)
                .containsEntry("client_address", "127.0.0.1"));
    }

    private void assertAcceptedOnce(
            String action, String type, String resourceId, UUID accountId, UUID actor, String role, int status) {
        List<Map<String, Object>> found = rows.of(action, resourceId);
        assertThat(found).as(action + " of " + resourceId).hasSize(1);
        Map<String, Object> event = found.getFirst();
        assertThat(event)
                .as(action)
                .containsEntry("resource_type", type)
                .containsEntry("account_id", accountId)
                .containsEntry("actor_credential_id", actor)
                .containsEntry("actor_role", role)
                .containsEntry("outcome", "accepted")
                .containsEntry("status", status)
                .containsEntry("problem_type", null)
                .containsEntry("client_address", "127.0.0.1");
    }

    private UUID admin() {
        return ManagementToken.parse(account.adminToken()).orElseThrow().credentialId();
    }

    private Response patch(UUID cluster, String json) {
        return as(account.adminToken()).patch("/v1/clusters/" + cluster, json);
    }
}
