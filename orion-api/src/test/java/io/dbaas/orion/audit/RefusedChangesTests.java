package io.dbaas.orion.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.orion.account.ManagementToken;
import io.dbaas.orion.support.Claims;
import io.dbaas.orion.support.LifecycleIntegrationTests;
import io.dbaas.orion.support.Regions;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A refused change attempt leaves exactly one refused event, with its status and problem type, written after the
 * change's transaction rolled back; an accepted change whose event cannot be written is not made at all.
 */
class RefusedChangesTests extends LifecycleIntegrationTests {

    private AuditRows rows;

    @BeforeEach
    void readRows() {
        rows = new AuditRows(jdbc);
    }

    @Test
    void aClaimWhoseTransactionRollsBackLeavesOneRefusedEventAndNothingElse() {
        String invalid = Claims.withNodes(Claims.VALID, 0);

        Response refused = as(account.adminToken()).post("/v1/clusters", invalid, "Idempotency-Key", "rolled-back");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(keysTaken("rolled-back"))
                .as("the key taken in its transaction is rolled back")
                .isZero();
        List<Map<String, Object>> claims = rows.of(account.id(), "cluster.claim");
        assertThat(claims).hasSize(1);
        assertThat(claims.getFirst())
                .containsEntry("outcome", "refused")
                .containsEntry("status", 400)
                .containsEntry("problem_type", "urn:dbaas:problem:invalid-claim")
                .containsEntry("resource_type", "cluster")
                .containsEntry("resource_id", null)
                .containsEntry("actor_credential_id", admin())
                .containsEntry("actor_role", "admin");

        Response accepted =
                as(account.adminToken()).post("/v1/clusters", Claims.VALID, "Idempotency-Key", "rolled-back");

        assertThat(accepted.status()).isEqualTo(202);
        assertThat(rows.of(account.id(), "cluster.claim"))
                .extracting(event -> event.get("outcome"))
                .containsExactly("refused", "accepted");
    }

    @Test
    void aConflictIsRecordedWithItsProblemTypeAndChangesNothing() {
        Response refused = delete("/v1/accounts/" + account.id() + "/credentials/" + admin());

        assertThat(refused.status()).isEqualTo(409);
        List<Map<String, Object>> revocations = rows.of("credential.revoke", admin().toString());
        assertThat(revocations).hasSize(1);
        assertThat(revocations.getFirst())
                .containsEntry("outcome", "refused")
                .containsEntry("status", 409)
                .containsEntry("problem_type", "urn:dbaas:problem:last-administrator")
                .containsEntry("account_id", account.id());
        assertThat(get("/v1/accounts/" + account.id() + "/credentials").status())
                .as("the administrator still works")
                .isEqualTo(200);
    }

    @Test
    void aScaleItsRegionCannotHoldIsRecordedAsRefusedForCapacity() {
        String region = Regions.unused();
        sizeRegion(region, "1500m", "3Gi", "30Gi");
        UUID cluster = runningCluster(Claims.in(Regions.PROVIDER, region));

        Response refused = as(account.adminToken()).patch("/v1/clusters/" + cluster, "{\"nodes\": 5}");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(rows.of("cluster.change", cluster.toString()))
                .singleElement()
                .satisfies(event -> assertThat(event)
                        .containsEntry("outcome", "refused")
                        .containsEntry("status", 409)
                        .containsEntry("problem_type", "urn:dbaas:problem:capacity-exceeded"));
        assertThat(operationsOf(cluster)).as("only its creation").isEqualTo(1);
    }

    @Test
    void aViewersAttemptIsRecordedAsForbiddenUnderTheViewersName() {
        String viewer = credential("viewer");
        UUID viewerId = ManagementToken.parse(viewer).orElseThrow().credentialId();
        UUID cluster = runningCluster();

        Response claim = as(viewer).post("/v1/clusters", Claims.VALID);
        Response deletion = as(viewer).delete("/v1/clusters/" + cluster);

        assertThat(claim.status()).isEqualTo(403);
        assertThat(deletion.status()).isEqualTo(403);
        List<Map<String, Object>> byViewer = rows.ofAccount(account.id()).stream()
                .filter(event -> viewerId.equals(event.get("actor_credential_id")))
                .toList();
        assertThat(byViewer)
                .extracting(event -> event.get("action"))
                .containsExactly("cluster.claim", "cluster.delete");
        assertThat(byViewer).allSatisfy(event -> assertThat(event)
                .containsEntry("outcome", "refused")
                .containsEntry("status", 403)
                .containsEntry("problem_type", "urn:dbaas:problem:forbidden")
                .containsEntry("actor_role", "viewer"));
        assertThat(state(cluster)).isEqualTo("RUNNING");
    }

    @Test
    void anAttemptOnAnotherAccountsClusterIsInTheCallersTrailOnly() {
        UUID cluster = runningCluster();
        var stranger = openAccount("stranger");

        Response refused = as(stranger.adminToken()).patch("/v1/clusters/" + cluster, "{\"nodes\": 5}");

        assertThat(refused.status()).isEqualTo(404);
        assertThat(rows.of(account.id(), "cluster.change")).isEmpty();
        assertThat(rows.of(stranger.id(), "cluster.change")).singleElement().satisfies(event -> assertThat(event)
                .containsEntry("outcome", "refused")
                .containsEntry("status", 404)
                .containsEntry("problem_type", "urn:dbaas:problem:cluster-not-found"));
    }

    @Test
    void aChangeWhoseEventCannotBeWrittenIsNotMade() {
        long credentialsBefore = credentialsOfTheAccount();

        Response failed = withAuditRefusedByPostgres(() -> post(
                "/v1/accounts/" + account.id() + "/credentials", "{\"name\": \"unrecorded\", \"role\": \"viewer\"}"));

        assertThat(failed.status()).isEqualTo(500);
        assertThat(credentialsOfTheAccount())
                .as("no credential without its event")
                .isEqualTo(credentialsBefore);
        assertThat(rows.of(account.id(), "credential.issue")).isEmpty();
    }

    @Test
    void aRefusalWhoseEventCannotBeWrittenIsStillAnsweredAsARefusal() {
        Response refused =
                withAuditRefusedByPostgres(() -> delete("/v1/accounts/" + account.id() + "/credentials/" + admin()));

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("type").asString()).isEqualTo("urn:dbaas:problem:last-administrator");
        assertThat(rows.of(account.id(), "credential.revoke")).isEmpty();
    }

    /** Runs {@code request} while PostgreSQL refuses every audit event of the test's account. */
    private Response withAuditRefusedByPostgres(Supplier<Response> request) {
        jdbc.sql("""
                        create function refuse_audit_of_test_account() returns trigger language plpgsql as $$
                        begin
                            raise exception 'audit write refused by the test';
                        end $$""").update();
        jdbc.sql("""
                        create trigger refuse_audit_of_test_account before insert on audit_events
                        for each row when (new.account_id = '%s')
                        execute function refuse_audit_of_test_account()""".formatted(account.id())).update();
        try {
            return request.get();
        } finally {
            jdbc.sql("drop trigger refuse_audit_of_test_account on audit_events")
                    .update();
            jdbc.sql("drop function refuse_audit_of_test_account()").update();
        }
    }

    private long credentialsOfTheAccount() {
        return jdbc.sql("select count(*) from credentials where account_id = :account")
                .param("account", account.id())
                .query(Long.class)
                .single();
    }

    private long keysTaken(String key) {
        return jdbc.sql("select count(*) from idempotency_keys where account_id = :account and idempotency_key = :key")
                .param("account", account.id())
                .param("key", key)
                .query(Long.class)
                .single();
    }

    private UUID admin() {
        return ManagementToken.parse(account.adminToken()).orElseThrow().credentialId();
    }
}
