package io.dbaas.nebula.backup;

import io.dbaas.contracts.backup.BackupSnapshot;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The backup agent's report, read from its pod's termination message ({@code backup-agent/README.md}). The message is
 * written by a process in the customer's data plane, so it is never trusted: a message that is not JSON, is bigger
 * than Kubernetes keeps, or names another action or backup gives no report at all.
 *
 * @param succeeded the agent's {@code outcome} was {@code SUCCEEDED}
 * @param reason why it failed, the engine's words; empty when it succeeded
 */
record AgentReport(
        boolean succeeded,
        String reason,
        String engineVersion,
        long sizeInBytes,
        @Nullable Instant startTime,
        @Nullable Instant endTime,
        List<BackupSnapshot> snapshots,
        boolean alreadyAbsent) {

    /** Kubernetes keeps at most 4096 bytes of a termination message; anything longer did not come from the agent. */
    static final int MAX_BYTES = 4096;

    private static final int MAX_REASON = 300;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The report in {@code message}, if it is one of {@code action} on {@code backupId}. */
    static Optional<AgentReport> read(@Nullable String message, String action, String backupId) {
        if (message == null || message.isBlank() || message.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return Optional.empty();
        }
        try {
            JsonNode json = JSON.readTree(message);
            if (!json.isObject()
                    || !action.equals(json.path("action").asString(""))
                    || !backupId.equals(json.path("backup_id").asString(""))) {
                return Optional.empty();
            }
            String outcome = json.path("outcome").asString("");
            if (!outcome.equals("SUCCEEDED") && !outcome.equals("FAILED")) {
                return Optional.empty();
            }
            boolean succeeded = outcome.equals("SUCCEEDED");
            long size = json.has("size_in_bytes")
                    ? json.path("size_in_bytes").asLong(0)
                    : json.path("total_size_in_bytes").asLong(0);
            return Optional.of(new AgentReport(
                    succeeded,
                    succeeded ? "" : reason(json),
                    json.path("engine_version").asString(""),
                    Math.max(0, size),
                    instant(json.path("start_time")),
                    instant(json.path("end_time")),
                    snapshots(json.path("snapshots")),
                    json.path("already_absent").asBoolean(false)
                            || (json.path("deleted_count").asInt(-1) == 0
                                    && json.path("already_absent_count").asInt(0) > 0)));
        } catch (JacksonException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String reason(JsonNode json) {
        String reason = json.path("reason").asString("").strip();
        if (reason.isEmpty()) {
            return "the backup agent gave no reason";
        }
        return reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason;
    }

    private static @Nullable Instant instant(JsonNode node) {
        if (!node.isString()) {
            return null;
        }
        try {
            return Instant.parse(node.asString());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static List<BackupSnapshot> snapshots(JsonNode list) {
        List<BackupSnapshot> snapshots = new ArrayList<>();
        for (JsonNode entry : list) {
            snapshots.add(new BackupSnapshot(
                    entry.path("node").asInt(-1),
                    requireText(entry, "collection"),
                    requireText(entry, "snapshot"),
                    entry.path("size_in_bytes").asLong(0),
                    entry.path("checksum").asString("")));
        }
        return snapshots;
    }

    private static String requireText(JsonNode entry, String field) {
        String text = entry.path(field).asString("");
        if (text.isEmpty()) {
            throw new IllegalArgumentException("snapshot without " + field);
        }
        return text;
    }
}
