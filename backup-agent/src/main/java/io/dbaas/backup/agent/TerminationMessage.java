package io.dbaas.backup.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes the report where the kubelet reads a container's termination message. Kubernetes keeps at most 4096 bytes of
 * it; a report bigger than {@link #LIMIT} drops its per-snapshot list (keeping counts and totals) rather than be cut
 * mid-JSON, and says so with {@code "snapshots_listed": false}.
 */
final class TerminationMessage {

    /** Below Kubernetes' 4096 bytes, with room to spare. */
    static final int LIMIT = 3584;

    private static final ObjectMapper JSON = new ObjectMapper();

    private TerminationMessage() {}

    static String render(Report report) {
        ObjectNode json = report.details().deepCopy();
        String text = JSON.writeValueAsString(json);
        if (bytes(text) > LIMIT && json.has("snapshots")) {
            json.remove("snapshots");
            json.put("snapshots_listed", false);
            text = JSON.writeValueAsString(json);
        }
        if (bytes(text) > LIMIT) {
            // Only a pathological report gets here (every field is bounded); keep the outcome readable.
            ObjectNode minimal = JSON.createObjectNode();
            for (String field : new String[] {"action", "engine", "backup_id", "outcome", "reason"}) {
                if (json.has(field)) {
                    minimal.set(field, json.get(field));
                }
            }
            text = JSON.writeValueAsString(minimal);
        }
        return text;
    }

    static void write(Path terminationLog, Report report) throws IOException {
        Files.writeString(terminationLog, render(report), StandardCharsets.UTF_8);
    }

    private static int bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
