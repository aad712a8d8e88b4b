package io.dbaas.orion.shared;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * Where a page of a listing ended: the time and id of its last entry (a cluster's creation, an event's occurrence). The
 * next page continues after that key rather than at an offset, so an entry added meanwhile neither shifts nor repeats
 * entries. Opaque to clients (base64url); only its round trip is promised.
 */
public record PageToken(Instant at, UUID id) {

    public String encode() {
        String key = at.getEpochSecond() + "." + at.getNano() + "." + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    /** The token in {@code text}, or empty when it is not one Orion gave out. */
    public static Optional<PageToken> decode(String text) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\\.", 3);
            if (parts.length != 3) {
                return Optional.empty();
            }
            Instant at = Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
            return Optional.of(new PageToken(at, UUID.fromString(parts[2])));
        } catch (IllegalArgumentException | DateTimeException notAToken) {
            return Optional.empty();
        }
    }
}
