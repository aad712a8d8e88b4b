package io.dbaas.orion.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.orion.account.Caller;
import io.dbaas.orion.account.Role;
import io.dbaas.orion.shared.Audited;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What an event names: the resource from the path or the answer's Location, the account acted on, the time. */
class ChangeUnderAuditTest {

    private static final Caller ADMIN = new Caller(UUID.randomUUID(), UUID.randomUUID(), Role.ADMIN);
    private static final Instant NOW = Instant.parse("2026-12-07T14:00:00.123456789Z");

    @Audited(action = "region.put", resourceType = "region", resourceId = "{provider}/{region}")
    void putRegion() {}

    @Audited(action = "cluster.claim", resourceType = "cluster")
    void claim() {}

    @Audited(action = "account.open", resourceType = "account")
    void open() {}

    @Audited(action = "credential.revoke", resourceType = "credential", resourceId = "{credentialId}")
    void revoke() {}

    @Test
    void resourceIdIsThePathVariablesTemplateFilledIn() {
        var change = change("putRegion", Map.of("provider", "aws", "region", "eu-central-1"));

        assertThat(change.accepted(201, null).resourceId()).isEqualTo("aws/eu-central-1");
        assertThat(change.refused(409, "urn:dbaas:problem:region-in-use").resourceId())
                .isEqualTo("aws/eu-central-1");
        assertThat(change("putRegion", Map.of("provider", "aws"))
                        .accepted(201, null)
                        .resourceId())
                .as("a variable the path lacks names nothing")
                .isNull();
    }

    @Test
    void aCreationIsNamedByItsLocationAndARefusedOneByNothing() {
        var change = change("claim", Map.of());

        AuditEvent accepted = change.accepted(202, URI.create("/v1/clusters/3f9d6c1e-0b7a-4c52-9e4f-7d2a1b8c6e90"));
        AuditEvent refused = change.refused(400, "urn:dbaas:problem:invalid-claim");

        assertThat(accepted.resourceId()).isEqualTo("3f9d6c1e-0b7a-4c52-9e4f-7d2a1b8c6e90");
        assertThat(accepted.outcome()).isEqualTo(AuditOutcome.ACCEPTED);
        assertThat(accepted.problemType()).isNull();
        assertThat(refused.resourceId()).isNull();
        assertThat(refused.outcome()).isEqualTo(AuditOutcome.REFUSED);
        assertThat(refused.problemType()).isEqualTo("urn:dbaas:problem:invalid-claim");
        assertThat(change.accepted(202, null).resourceId()).isNull();
    }

    @Test
    void theAccountIsTheOneOpenedOrNamedInThePathElseTheCallers() {
        UUID opened = UUID.randomUUID();
        UUID named = UUID.randomUUID();

        assertThat(change("open", Map.of())
                        .accepted(201, URI.create("/v1/accounts/" + opened))
                        .accountId())
                .isEqualTo(opened);
        assertThat(change("open", Map.of())
                        .refused(400, "urn:dbaas:problem:invalid-request")
                        .accountId())
                .isEqualTo(ADMIN.accountId());
        assertThat(change("revoke", Map.of("accountId", named.toString(), "credentialId", "c"))
                        .accepted(204, null)
                        .accountId())
                .isEqualTo(named);
        assertThat(change("revoke", Map.of("accountId", "not-an-id", "credentialId", "c"))
                        .refused(404, "urn:dbaas:problem:account-not-found")
                        .accountId())
                .isEqualTo(ADMIN.accountId());
    }

    @Test
    void theActorIsTheCredentialAndItsRoleAndTheTimeIsKeptToTheMicrosecond() {
        AuditEvent event = change("claim", Map.of()).accepted(202, null);

        assertThat(event.actorCredentialId()).isEqualTo(ADMIN.credentialId());
        assertThat(event.actorRole()).isEqualTo("admin");
        assertThat(event.clientAddress()).isEqualTo("127.0.0.1");
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2026-12-07T14:00:00.123456Z"));
    }

    @Test
    void aResourceIdLongerThanTheColumnIsCut() {
        String longId = "x".repeat(500);

        assertThat(change("revoke", Map.of("credentialId", longId))
                        .refused(404, "t")
                        .resourceId())
                .hasSize(200);
        assertThat(change("claim", Map.of())
                        .accepted(202, URI.create("/v1/clusters/" + longId))
                        .resourceId())
                .isNull();
    }

    private ChangeUnderAudit change(String method, Map<String, String> pathVariables) {
        try {
            Audited audited = getClass().getDeclaredMethod(method).getAnnotation(Audited.class);
            return new ChangeUnderAudit(audited, ADMIN, pathVariables, "127.0.0.1", NOW);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }
}
