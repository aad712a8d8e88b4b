package io.dbaas.backup.agent;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What Nebula gives the agent, read from the Job container's environment. Secrets are never values of the environment:
 * only paths of files mounted from Secrets, read when a request is made, so that they appear neither in the pod's spec
 * nor in a process listing.
 *
 * @param action what to do with the backup
 * @param engine the engine of the cluster
 * @param backupId the backup's id, the name of its snapshot(s)
 * @param endpoints the engine's API: the cluster's Service for Elasticsearch, every node (behind the headless
 *     Service) for Qdrant, whose snapshots are per node
 * @param username Elasticsearch's user (basic authentication); none for Qdrant
 * @param credentialFile the file holding the password (Elasticsearch) or API key (Qdrant)
 * @param caFile the PEM certificate(s) of the cluster's own CA, when the engine serves TLS
 * @param parametersFile the action's parameters as JSON (ElasticsearchBackups, QdrantBackups say which)
 * @param terminationLog where the report is written, {@code /dev/termination-log} in a pod
 * @param requestTimeout how long one call to the engine may take; a snapshot of a large cluster takes long
 * @param maxAnswerBytes the largest engine answer read; a bigger one is a failure, not a memory exhaustion
 */
record AgentSettings(
        Action action,
        Engine engine,
        String backupId,
        List<URI> endpoints,
        @Nullable String username,
        Optional<Path> credentialFile,
        Optional<Path> caFile,
        Optional<Path> parametersFile,
        Path terminationLog,
        Duration requestTimeout,
        int maxAnswerBytes) {

    /** Snapshot names both engines accept, and no path or query tricks: lowercase letters, digits, '-' and '_'. */
    private static final Pattern BACKUP_ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,127}");

    static final Path DEFAULT_TERMINATION_LOG = Path.of("/dev/termination-log");

    enum Action {
        TAKE,
        RESTORE,
        DELETE
    }

    enum Engine {
        ELASTICSEARCH,
        QDRANT
    }

    /** The termination log's path alone, so that even a refused configuration is reported where Nebula looks. */
    static Path terminationLog(Map<String, String> environment) {
        String path = environment.get("BACKUP_TERMINATION_LOG");
        return path == null || path.isBlank() ? DEFAULT_TERMINATION_LOG : Path.of(path);
    }

    static AgentSettings from(Map<String, String> environment) {
        String backupId = required(environment, "BACKUP_ID");
        if (!BACKUP_ID.matcher(backupId).matches()) {
            throw new AgentFailure(
                    "BACKUP_ID must be 1 to 128 of a-z, 0-9, '-' and '_', starting with a letter or digit");
        }
        List<URI> endpoints = Arrays.stream(
                        required(environment, "BACKUP_ENDPOINTS").split(","))
                .map(String::strip)
                .filter(endpoint -> !endpoint.isEmpty())
                .map(AgentSettings::endpoint)
                .toList();
        return new AgentSettings(
                choice(Action.class, environment, "BACKUP_ACTION"),
                choice(Engine.class, environment, "BACKUP_ENGINE"),
                backupId,
                endpoints,
                environment.get("BACKUP_ENGINE_USERNAME"),
                path(environment, "BACKUP_ENGINE_CREDENTIAL_FILE"),
                path(environment, "BACKUP_ENGINE_CA_FILE"),
                path(environment, "BACKUP_PARAMETERS_FILE"),
                terminationLog(environment),
                duration(environment, "BACKUP_REQUEST_TIMEOUT", Duration.ofHours(2)),
                positive(environment, "BACKUP_MAX_ANSWER_BYTES", 4 * 1024 * 1024));
    }

    private static String required(Map<String, String> environment, String name) {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            throw new AgentFailure(name + " is not set");
        }
        return value.strip();
    }

    private static <E extends Enum<E>> E choice(Class<E> type, Map<String, String> environment, String name) {
        String value = required(environment, name);
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new AgentFailure(name + " must be one of "
                    + Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT));
        }
    }

    private static URI endpoint(String value) {
        URI uri = URI.create(value.endsWith("/") ? value : value + "/");
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new AgentFailure("BACKUP_ENDPOINTS must be http or https URLs");
        }
        if (uri.getUserInfo() != null) {
            throw new AgentFailure("BACKUP_ENDPOINTS must not carry credentials; mount them as a file");
        }
        return uri;
    }

    private static Optional<Path> path(Map<String, String> environment, String name) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(Path.of(value.strip()));
    }

    private static int positive(Map<String, String> environment, String name, int otherwise) {
        String value = environment.get(name);
        try {
            int parsed = value == null || value.isBlank() ? otherwise : Integer.parseInt(value.strip());
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new AgentFailure(name + " must be a positive number of bytes");
    }

    private static Duration duration(Map<String, String> environment, String name, Duration otherwise) {
        String value = environment.get(name);
        try {
            return value == null || value.isBlank() ? otherwise : Duration.parse(value.strip());
        } catch (RuntimeException e) {
            throw new AgentFailure(name + " must be an ISO-8601 duration such as PT2H");
        }
    }
}
