package io.dbaas.orion.events;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * Where a page of events ended: the time and id of its last event. The next page continues after that key, so an event
 * recorded meanwhile neither shifts nor repeats entries. Opaque to clients (base64url), like the cluster list's token.
 */
record EventPageToken(Instant occurredAt, UUID id) {

    static EventPageToken after(RecordedClusterEvent last) {
        return new EventPageToken(last.occurredAt(), last.id());
    }

    String encode() {
        String key = occurredAt.getEpochSecond() + "." + occurredAt.getNano() + "." + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    /** The token in {@code text}, or empty when it is not one Orion gave out. */
    static Optional<EventPageToken> decode(String text) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\\.", 3);
            if (parts.length != 3) {
                return Optional.empty();
            }
            Instant occurredAt = Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
            return Optional.of(new EventPageToken(occurredAt, UUID.fromString(parts[2])));
        } catch (IllegalArgumentException | DateTimeException notAToken) {
            return Optional.empty();
        }
    }
}
