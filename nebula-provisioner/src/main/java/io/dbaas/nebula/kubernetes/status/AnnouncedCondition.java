package io.dbaas.nebula.kubernetes.status;

import io.dbaas.contracts.event.ClusterDegraded;
import io.dbaas.contracts.event.ClusterRecovered;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The last degradation or recovery announced for a cluster, as recorded on its StatefulSet
 * ({@code dbaas.io/announced-condition}), so that a restarted Nebula knows what consumers were last told.
 *
 * <p>Event ids form a chain: each derives from the cluster, the condition (the reason of a degradation) and the id of
 * the condition announced before it. Announcing the same condition again on the same link (a restart between publishing
 * and recording, a failed publication tried again) gives the same id, which consumers drop as a duplicate; the same
 * reason after a recovery is a new link, so a new id, and is never mistaken for the old one. An id taken from the
 * StatefulSet's generation instead would merge two degradations with the same reason between two spec changes, and
 * consumers would drop the second one, or the second recovery.
 *
 * @param eventId the id of the announced event
 * @param reasonDigest SHA-256 of the degradation's reason, hex; null for a recovery
 */
record AnnouncedCondition(UUID eventId, @Nullable String reasonDigest) {

    private static final String RECOVERED = "recovered";

    boolean degraded() {
        return reasonDigest != null;
    }

    /** Whether this is the degradation with {@code reason}. */
    boolean isDegradation(String reason) {
        return digest(reason).equals(reasonDigest);
    }

    static AnnouncedCondition degraded(UUID clusterId, String reason, @Nullable AnnouncedCondition previous) {
        String digest = digest(reason);
        return new AnnouncedCondition(id(clusterId, ClusterDegraded.NAME + "/" + digest, previous), digest);
    }

    static AnnouncedCondition recovered(UUID clusterId, @Nullable AnnouncedCondition previous) {
        return new AnnouncedCondition(id(clusterId, ClusterRecovered.NAME, previous), null);
    }

    /** The annotation's value: {@code <event id> <reason digest>} or {@code <event id> recovered}. */
    String annotation() {
        return eventId + " " + (reasonDigest == null ? RECOVERED : reasonDigest);
    }

    /** Reads the annotation; empty when it is absent or not Nebula's writing (then nothing was announced). */
    static Optional<AnnouncedCondition> parse(@Nullable String annotation) {
        if (annotation == null) {
            return Optional.empty();
        }
        String[] parts = annotation.strip().split(" ");
        if (parts.length != 2) {
            return Optional.empty();
        }
        try {
            UUID eventId = UUID.fromString(parts[0]);
            return Optional.of(new AnnouncedCondition(eventId, RECOVERED.equals(parts[1]) ? null : parts[1]));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static UUID id(UUID clusterId, String condition, @Nullable AnnouncedCondition previous) {
        String after = previous == null ? "-" : previous.eventId().toString();
        return UUID.nameUUIDFromBytes((clusterId + "/" + condition + "/" + after).getBytes(StandardCharsets.UTF_8));
    }

    private static String digest(String reason) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(reason.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
