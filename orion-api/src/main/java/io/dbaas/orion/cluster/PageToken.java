package io.dbaas.orion.cluster;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * Where a page ended: the creation time and id of its last cluster. Pages continue after that key rather than at an
 * offset, so a cluster claimed meanwhile neither shifts nor repeats entries. Opaque to clients (base64url); only its
 * round trip is promised.
 */
record PageToken(Instant createdAt, UUID id) {

    static PageToken after(Cluster last) {
        return new PageToken(last.createdAt(), last.id());
    }

    String encode() {
        String key = createdAt.getEpochSecond() + "." + createdAt.getNano() + "." + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    /** The token in {@code text}, or empty when it is not one Orion gave out. */
    static Optional<PageToken> decode(String text) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\\.", 3);
            if (parts.length != 3) {
                return Optional.empty();
            }
            Instant createdAt = Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
            return Optional.of(new PageToken(createdAt, UUID.fromString(parts[2])));
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            return Optional.empty();
        }
    }
}
