package io.dbaas.backup.agent;

import tools.jackson.databind.JsonNode;

/** An engine's answer: its status and its body as JSON (a missing node when it was none). */
record EngineAnswer(int status, JsonNode body) {

    boolean ok() {
        return status >= 200 && status < 300;
    }
}
