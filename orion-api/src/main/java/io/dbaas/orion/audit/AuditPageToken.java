package io.dbaas.orion.audit;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * Where a page of audit events ended: the time and id of its last event. The next page continues after that key, so
 * events recorded meanwhile neither shift nor repeat entries. Opaque to clients (base64url), like the cluster list's.
 */
record AuditPageToken(Instant occurredAt, UUID id) {

    static AuditPageToken after(AuditEvent last) {
        return new AuditPageToken(last.occurredAt(), last.id());
    }

    String encode() {
        String key = occurredAt.getEpochSecond() + "." + occurredAt.getNano() + "." + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    /** The token in {@code text}, or empty when it is not one Orion gave out. */
    static Optional<AuditPageToken> decode(String text) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\\.", 3);
            if (parts.length != 3) {
                return Optional.empty();
            }
            Instant occurredAt = Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
            return Optional.of(new AuditPageToken(occurredAt, UUID.fromString(parts[2])));
        } catch (IllegalArgumentException | DateTimeException e) {
            return Optional.empty();
        }
    }
}
