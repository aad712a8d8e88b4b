package io.dbaas.orion.audit;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One recorded change attempt. Holds ids only, never a secret: the actor is the credential's id and role, never its
 * token, and no request body is kept.
 *
 * @param accountId the account the change belongs to (the account acted on, else the caller's)
 * @param resourceId none for a creation that was refused
 * @param status the HTTP status of the answer
 * @param problemType the problem's {@code type} of a refusal
 * @param clientAddress the address the servlet container reports for the request (see docs/operations/audit.md)
 */
public record AuditEvent(
        UUID id,
        Instant occurredAt,
        UUID accountId,
        UUID actorCredentialId,
        String actorRole,
        String action,
        String resourceType,
        @Nullable String resourceId,
        AuditOutcome outcome,
        int status,
        @Nullable String problemType,
        String clientAddress) {}
