package io.dbaas.backup.agent;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One backup of a Qdrant cluster: a snapshot of every collection on every node, since Qdrant's collection snapshots
 * hold only the shards of the node that makes them. Where the snapshots go (the region's object storage) is the nodes'
 * own setting ({@code storage.snapshots_config}), rendered by Nebula; the agent only calls the snapshot API of each
 * node, in the order of {@code BACKUP_ENDPOINTS} (pod 0 first), and reports each snapshot with its node's position.
 */
final class QdrantBackups {

    /** What Qdrant's recover API accepts as a location (a URL it downloads, or a path on the node). */
    private static final Set<String> RECOVERABLE_SCHEMES = Set.of("http", "https", "file");

    private final EngineClient client;
    private final List<URI> nodes;
    private final JsonNode parameters;

    QdrantBackups(EngineClient client, List<URI> nodes, JsonNode parameters) {
        this.client = client;
        this.nodes = nodes;
        this.parameters = parameters;
    }

    /**
     * Snapshots every collection on every node. A collection deleted meanwhile (Qdrant answers 404) is skipped and
     * named; any other refusal ends the backup, reporting the snapshots already made so that they can be deleted.
     */
    void take(Report report) {
        ObjectNode details = report.details();
        details.put("engine_version", version(nodes.getFirst()));
        ArrayNode snapshots = details.putArray("snapshots");
        ArrayNode skipped = JsonNodeFactory.instance.arrayNode();
        long totalSize = 0;
        for (int node = 0; node < nodes.size(); node++) {
            URI endpoint = nodes.get(node);
            for (String collection : collections(endpoint)) {
                EngineAnswer created = client.send(
                        endpoint, "POST", "collections/" + segment(collection) + "/snapshots?wait=true", null);
                if (created.status() == 404) {
                    skipped.add(collection);
                    continue;
                }
                if (!created.ok()) {
                    details.put("total_size_in_bytes", totalSize);
                    throw EngineErrors.failure("snapshot of collection " + collection + " on node " + node, created);
                }
                JsonNode result = created.body().path("result");
                long size = result.path("size").asLong(0);
                totalSize += size;
                ObjectNode snapshot = snapshots.addObject();
                snapshot.put("node", node);
                snapshot.put("collection", collection);
                snapshot.put("snapshot", result.path("name").asString(""));
                snapshot.put("size_in_bytes", size);
                if (result.path("checksum").isString()) {
                    snapshot.put("checksum", result.path("checksum").asString());
                }
            }
        }
        details.put("total_size_in_bytes", totalSize);
        details.put("snapshots_count", snapshots.size());
        if (!skipped.isEmpty()) {
            details.set("collections_skipped", skipped);
        }
        report.succeeded();
    }

    /**
     * Recovers each collection on the node at the same position as the one whose snapshot it is, with the snapshot as
     * the source of truth. The location is what Qdrant's recover API accepts: an http(s) URL (for a snapshot in object
     * storage, a pre-signed URL of the object) or a {@code file://} path on the node; never echoed, since a pre-signed
     * URL is itself a credential.
     */
    void restore(Report report) {
        JsonNode recoveries = parameters.path("recoveries");
        if (!recoveries.isArray() || recoveries.isEmpty()) {
            throw new AgentFailure("the parameters name no recoveries");
        }
        int recovered = 0;
        for (JsonNode recovery : recoveries) {
            URI endpoint = node(recovery);
            String collection = recovery.path("collection").asString("");
            ObjectNode request = JsonNodeFactory.instance.objectNode();
            request.put("location", location(recovery));
            request.put("priority", "snapshot");
            if (recovery.path("checksum").isString()) {
                request.put("checksum", recovery.path("checksum").asString());
            }
            EngineAnswer answer = client.send(
                    endpoint, "PUT", "collections/" + segment(collection) + "/snapshots/recover?wait=true", request);
            if (!answer.ok() || !answer.body().path("result").asBoolean(false)) {
                report.details().put("recovered_count", recovered);
                throw EngineErrors.failure("recovering collection " + collection, answer);
            }
            recovered++;
        }
        report.details().put("recovered_count", recovered);
        report.succeeded();
    }

    /** Deletes each snapshot the backup made; one already gone (404) is counted as such. */
    void delete(Report report) {
        JsonNode snapshots = parameters.path("snapshots");
        if (!snapshots.isArray()) {
            throw new AgentFailure("the parameters name no snapshots to delete");
        }
        int deleted = 0;
        int absent = 0;
        for (JsonNode snapshot : snapshots) {
            URI endpoint = node(snapshot);
            String collection = snapshot.path("collection").asString("");
            String name = snapshot.path("snapshot").asString("");
            EngineAnswer answer = client.send(
                    endpoint,
                    "DELETE",
                    "collections/" + segment(collection) + "/snapshots/" + segment(name) + "?wait=true",
                    null);
            if (answer.status() == 404) {
                absent++;
            } else if (answer.ok()) {
                deleted++;
            } else {
                report.details().put("deleted_count", deleted);
                throw EngineErrors.failure("deleting snapshot " + name + " of collection " + collection, answer);
            }
        }
        report.details().put("deleted_count", deleted);
        report.details().put("already_absent_count", absent);
        report.succeeded();
    }

    private String version(URI endpoint) {
        EngineAnswer root = client.send(endpoint, "GET", "", null);
        if (!root.ok()) {
            throw EngineErrors.failure("reading the version", root);
        }
        return root.body().path("version").asString("");
    }

    private List<String> collections(URI endpoint) {
        EngineAnswer listed = client.send(endpoint, "GET", "collections", null);
        if (!listed.ok()) {
            throw EngineErrors.failure("listing collections", listed);
        }
        return listed.body()
                .path("result")
                .path("collections")
                .valueStream()
                .map(collection -> collection.path("name").asString(""))
                .filter(name -> !name.isEmpty())
                .toList();
    }

    private URI node(JsonNode entry) {
        int node = entry.path("node").asInt(-1);
        if (node < 0 || node >= nodes.size()) {
            throw new AgentFailure("node " + node + " is not one of the " + nodes.size() + " endpoints");
        }
        return nodes.get(node);
    }

    private static String location(JsonNode recovery) {
        String location = recovery.path("location").asString("");
        URI uri;
        try {
            uri = URI.create(location);
        } catch (IllegalArgumentException e) {
            throw new AgentFailure("a recovery's location is not a URL");
        }
        if (uri.getScheme() == null || !RECOVERABLE_SCHEMES.contains(uri.getScheme())) {
            throw new AgentFailure("a recovery's location must be an http(s) URL or a file:// path, as Qdrant's recover"
                    + " API accepts (for object storage: a pre-signed URL)");
        }
        return location;
    }

    private static String segment(String value) {
        if (value.isEmpty()) {
            throw new AgentFailure("a collection or snapshot name is empty");
        }
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
