package io.dbaas.backup.agent;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A snapshot repository as Nebula names it for a cluster: its name, type ({@code s3}, {@code gcs}, {@code azure} in
 * production, {@code fs} where a shared file system is mounted) and settings. The settings carry the bucket, the base
 * path (per account and cluster, so that no cluster's backups are in another's path) and the name of the storage
 * client whose keys the nodes hold in their keystore; never the keys themselves.
 */
record ElasticsearchRepository(String name, String type, Map<String, String> settings) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,127}");
    private static final Set<String> TYPES = Set.of("s3", "gcs", "azure", "fs");
    private static final Set<String> SECRET_SETTINGS =
            Set.of("access_key", "secret_key", "session_token", "key", "sas_token");

    static ElasticsearchRepository from(JsonNode parameters) {
        JsonNode repository = parameters.path("repository");
        String name = repository.path("name").asString("");
        String type = repository.path("type").asString("");
        if (!NAME.matcher(name).matches()) {
            throw new AgentFailure("repository.name must be 1 to 128 of a-z, 0-9, '-' and '_'");
        }
        if (!TYPES.contains(type)) {
            throw new AgentFailure("repository.type must be one of " + new TreeSet<>(TYPES));
        }
        Map<String, String> settings = new TreeMap<>();
        repository.path("settings").properties().forEach(entry -> settings.put(entry.getKey(), text(entry.getValue())));
        for (String setting : settings.keySet()) {
            if (SECRET_SETTINGS.contains(setting)) {
                // Elasticsearch refuses storage keys as repository settings; they belong in the nodes' keystore.
                throw new AgentFailure("repository.settings." + setting
                        + " is a credential: it belongs in the nodes' keystore, not in the repository's settings");
            }
        }
        return new ElasticsearchRepository(name, type, Map.copyOf(settings));
    }

    /** The same repository, registered so that this cluster can never write to it (a restore's source). */
    ElasticsearchRepository readOnly() {
        Map<String, String> readOnly = new TreeMap<>(settings);
        readOnly.put("readonly", "true");
        return new ElasticsearchRepository(name, type, Map.copyOf(readOnly));
    }

    ObjectNode body() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("type", type);
        ObjectNode settingsNode = body.putObject("settings");
        new TreeMap<>(settings).forEach(settingsNode::put);
        return body;
    }

    /** Whether Elasticsearch's answer to {@code GET _snapshot/<name>} is this repository (it answers settings as text). */
    boolean sameAs(JsonNode registered) {
        JsonNode entry = registered.path(name);
        if (!type.equals(entry.path("type").asString(""))) {
            return false;
        }
        Map<String, String> current = new TreeMap<>();
        entry.path("settings").properties().forEach(setting -> current.put(setting.getKey(), text(setting.getValue())));
        return current.equals(new TreeMap<>(settings));
    }

    private static String text(JsonNode value) {
        return value.isValueNode() ? value.asString() : value.toString();
    }
}
