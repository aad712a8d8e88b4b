package io.dbaas.nebula.events;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Deterministic event ids: the same command yields the same event ids however often it is handled (redelivery,
 * restart), so that consumers, who deduplicate by id, apply each event once.
 */
public final class EventIds {

    private EventIds() {}

    /** The id of the event {@code eventName} caused by the command {@code commandId}. */
    public static UUID of(UUID commandId, String eventName) {
        return UUID.nameUUIDFromBytes((commandId + "/" + eventName).getBytes(StandardCharsets.UTF_8));
    }
}
