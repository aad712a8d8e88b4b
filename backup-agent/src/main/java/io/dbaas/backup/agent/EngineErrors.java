package io.dbaas.backup.agent;

import tools.jackson.databind.JsonNode;

/**
 * The engine's own reason for a refused call, in the shapes their APIs publish: Elasticsearch's {@code error.type} and
 * {@code error.reason}, Qdrant's {@code status.error}. Only those fields are kept, never the whole body.
 */
final class EngineErrors {

    private EngineErrors() {}

    static AgentFailure failure(String doing, EngineAnswer answer) {
        return new AgentFailure(doing + " failed (HTTP " + answer.status() + reason(answer.body()) + ")");
    }

    private static String reason(JsonNode body) {
        JsonNode error = body.path("error");
        if (error.isString()) {
            return ": " + error.asString();
        }
        if (error.isObject()) {
            String reason = ": " + error.path("type").asString("error") + ": "
                    + error.path("reason").asString("no reason given");
            // Elasticsearch often says what went wrong in the cause ("failed to create repository" says little).
            JsonNode cause = error.path("caused_by");
            return cause.isObject()
                    ? reason + "; caused by " + cause.path("reason").asString("")
                    : reason;
        }
        JsonNode status = body.path("status");
        if (status.path("error").isString()) {
            return ": " + status.path("error").asString();
        }
        return "";
    }
}
