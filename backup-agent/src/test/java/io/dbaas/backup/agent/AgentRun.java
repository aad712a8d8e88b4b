package io.dbaas.backup.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** One run of the agent as a Job's container runs it: an environment, mounted files, a termination log. */
final class AgentRun {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;
    private final Map<String, String> environment = new HashMap<>();

    AgentRun(Path directory) {
        this.directory = directory;
        environment.put(
                "BACKUP_TERMINATION_LOG", directory.resolve("termination-log").toString());
    }

    AgentRun with(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** A file mounted from a Secret or ConfigMap, named by the variable. */
    AgentRun withFile(String variable, String content) {
        Path file = directory.resolve(variable.toLowerCase());
        try {
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        environment.put(variable, file.toString());
        return this;
    }

    Result run() {
        int exitStatus = BackupAgent.run(Map.copyOf(environment));
        try {
            String message = Files.readString(directory.resolve("termination-log"), StandardCharsets.UTF_8);
            return new Result(exitStatus, message, JSON.readTree(message));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The exit status, and the termination message as written and as read. */
    record Result(int exitStatus, String message, JsonNode report) {

        String outcome() {
            return report.path("outcome").asString();
        }

        String reason() {
            return report.path("reason").asString("");
        }
    }
}
