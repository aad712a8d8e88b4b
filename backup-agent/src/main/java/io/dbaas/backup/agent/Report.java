package io.dbaas.backup.agent;

import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the agent reports to Nebula, written as the termination message: the action, the backup, the outcome
 * ({@code SUCCEEDED} or {@code FAILED} with a short reason) and what the engine said about the snapshot(s). Snake case,
 * as the engines and the control plane's events write JSON.
 */
final class Report {

    static final String SUCCEEDED = "SUCCEEDED";
    static final String FAILED = "FAILED";

    private final ObjectNode json = JsonNodeFactory.instance.objectNode();

    Report(String action, String engine, String backupId) {
        json.put("action", action);
        json.put("engine", engine);
        json.put("backup_id", backupId);
    }

    ObjectNode details() {
        return json;
    }

    Report succeeded() {
        json.put("outcome", SUCCEEDED);
        return this;
    }

    Report failed(String reason) {
        json.put("outcome", FAILED);
        json.put("reason", AgentFailure.shorten(reason));
        return this;
    }

    boolean hasSucceeded() {
        return SUCCEEDED.equals(json.path("outcome").asString(""));
    }
}
