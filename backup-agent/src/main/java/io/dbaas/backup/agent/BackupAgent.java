package io.dbaas.backup.agent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * The backup agent's entry point: reads its settings from the environment ({@link AgentSettings}) and its parameters
 * from a mounted file, does one action on one backup, writes the report as the container's termination message and
 * exits 0 when the action succeeded, 1 otherwise. The report is written whatever happened, so that Nebula always reads
 * a reason from the pod's status.
 */
public final class BackupAgent {

    /** Parameters are a repository or a list of snapshots: small. A bigger file is a mistake, not data. */
    private static final int MAX_PARAMETERS_BYTES = 256 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private BackupAgent() {}

    public static void main(String[] args) {
        System.exit(run(System.getenv()));
    }

    /** Runs one action as the Job's container would; its exit status. */
    static int run(Map<String, String> environment) {
        Report report = new Report(
                environment.getOrDefault("BACKUP_ACTION", "unknown"),
                environment.getOrDefault("BACKUP_ENGINE", "unknown"),
                AgentFailure.shorten(environment.getOrDefault("BACKUP_ID", "unknown")));
        try {
            act(AgentSettings.from(environment), report);
        } catch (AgentFailure e) {
            report.failed(e.reason());
        } catch (RuntimeException e) {
            // Never the exception's message: it may quote an answer or a setting.
            report.failed("the agent failed unexpectedly: " + e.getClass().getName());
        }
        String message = TerminationMessage.render(report);
        System.out.println(message);
        try {
            TerminationMessage.write(AgentSettings.terminationLog(environment), report);
        } catch (IOException e) {
            System.err.println("The termination message could not be written: "
                    + e.getClass().getSimpleName());
            return 2;
        }
        return report.hasSucceeded() ? 0 : 1;
    }

    private static void act(AgentSettings settings, Report report) {
        if (settings.endpoints().isEmpty()) {
            throw new AgentFailure("BACKUP_ENDPOINTS names no endpoint");
        }
        EngineClient client = EngineClient.of(settings);
        JsonNode parameters =
                settings.parametersFile().map(BackupAgent::parameters).orElse(MissingNode.getInstance());
        switch (settings.engine()) {
            case ELASTICSEARCH -> {
                var backups = new ElasticsearchBackups(
                        client,
                        settings.requestTimeout(),
                        settings.endpoints().getFirst(),
                        settings.backupId(),
                        ElasticsearchRepository.from(parameters));
                switch (settings.action()) {
                    case TAKE -> backups.take(report);
                    case RESTORE -> backups.restore(report);
                    case DELETE -> backups.delete(report);
                }
            }
            case QDRANT -> {
                var backups = new QdrantBackups(client, settings.endpoints(), parameters);
                switch (settings.action()) {
                    case TAKE -> backups.take(report);
                    case RESTORE -> backups.restore(report);
                    case DELETE -> backups.delete(report);
                }
            }
        }
    }

    private static JsonNode parameters(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_PARAMETERS_BYTES + 1);
            if (bytes.length > MAX_PARAMETERS_BYTES) {
                throw new AgentFailure("the parameters file is larger than " + MAX_PARAMETERS_BYTES + " bytes");
            }
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new AgentFailure("the parameters file " + file + " cannot be read");
        } catch (JacksonException e) {
            throw new AgentFailure("the parameters file " + file + " is not JSON");
        }
    }
}
