package io.dbaas.orion.audit.web;

import io.dbaas.orion.audit.AuditEvent;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** One change attempt as clients read it: who, what, on which resource, when, from where, and with what outcome. */
record AuditEventResponse(
        UUID id,
        Instant occurredAt,
        UUID accountId,
        Actor actor,
        String action,
        Resource resource,
        String outcome,
        int status,
        @Nullable String problemType,
        String clientAddress) {

    /** The management credential that acted, by id and role; never its token. */
    record Actor(UUID credentialId, String role) {}

    /** {@code id} is absent for a creation that was refused. */
    record Resource(String type, @Nullable String id) {}

    static AuditEventResponse of(AuditEvent event) {
        return new AuditEventResponse(
                event.id(),
                event.occurredAt(),
                event.accountId(),
                new Actor(event.actorCredentialId(), event.actorRole()),
                event.action(),
                new Resource(event.resourceType(), event.resourceId()),
                event.outcome().id(),
                event.status(),
                event.problemType(),
                event.clientAddress());
    }
}
