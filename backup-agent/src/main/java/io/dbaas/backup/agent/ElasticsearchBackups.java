package io.dbaas.backup.agent;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One backup of an Elasticsearch cluster as a snapshot named by the backup's id, in the cluster's repository, through
 * the snapshot API of the cluster's Service.
 */
final class ElasticsearchBackups {

    /** How often an earlier attempt's snapshot is looked at while it runs. */
    private static final Duration POLL = Duration.ofSeconds(2);

    private final EngineClient client;
    private final Duration requestTimeout;
    private final URI endpoint;
    private final String backupId;
    private final ElasticsearchRepository repository;

    ElasticsearchBackups(
            EngineClient client,
            Duration requestTimeout,
            URI endpoint,
            String backupId,
            ElasticsearchRepository repository) {
        this.client = client;
        this.requestTimeout = requestTimeout;
        this.endpoint = endpoint;
        this.backupId = backupId;
        this.repository = repository;
    }

    /**
     * Registers the repository and takes the snapshot, waiting for its completion. A snapshot of that name already
     * there is an earlier attempt of the same backup (the Job's pod restarted): it is reported, not taken again.
     */
    void take(Report report) {
        report.details().put("engine_version", engineVersion());
        register(repository);
        EngineAnswer created = client.send(
                endpoint,
                "PUT",
                snapshotPath() + "?wait_for_completion=true",
                JsonNodeFactory.instance.objectNode().put("include_global_state", true));
        JsonNode snapshot;
        if (created.ok()) {
            snapshot = created.body().path("snapshot");
        } else if (created.status() == 400
                && (isError(created, "snapshot_name_already_in_use_exception")
                        || isError(created, "invalid_snapshot_name_exception"))) {
            snapshot = completedSnapshot();
            report.details().put("taken_by_an_earlier_attempt", true);
        } else {
            throw EngineErrors.failure("creating snapshot " + backupId, created);
        }
        describe(snapshot, report.details());
        String state = snapshot.path("state").asString("UNKNOWN");
        if (!"SUCCESS".equals(state)) {
            report.failed("snapshot " + backupId + " ended " + state + ": " + failureReason(snapshot));
            return;
        }
        report.details().put("size_in_bytes", sizeInBytes());
        report.succeeded();
    }

    /** Restores every regular index and data stream of the snapshot (not the cluster's global state) into this cluster. */
    void restore(Report report) {
        report.details().put("engine_version", engineVersion());
        register(repository.readOnly());
        describe(existingSnapshot(), report.details());
        ObjectNode request = JsonNodeFactory.instance.objectNode();
        request.put("include_global_state", false);
        request.put("include_aliases", true);
        EngineAnswer restored =
                client.send(endpoint, "POST", snapshotPath() + "/_restore?wait_for_completion=true", request);
        if (!restored.ok()) {
            throw EngineErrors.failure("restoring snapshot " + backupId, restored);
        }
        JsonNode snapshot = restored.body().path("snapshot");
        ObjectNode details = report.details();
        details.put("restored_indices_count", snapshot.path("indices").size());
        details.set("restored_shards", snapshot.path("shards"));
        int failedShards = snapshot.path("shards").path("failed").asInt(0);
        if (failedShards > 0) {
            report.failed(failedShards + " shard(s) of snapshot " + backupId + " were not restored");
            return;
        }
        report.succeeded();
    }

    /** Deletes the snapshot; one already gone is reported as such, so that retention may retry freely. */
    void delete(Report report) {
        register(repository);
        EngineAnswer deleted = client.send(endpoint, "DELETE", snapshotPath(), null);
        if (deleted.status() == 404 && isError(deleted, "snapshot_missing_exception")) {
            report.details().put("already_absent", true);
        } else if (!deleted.ok()) {
            throw EngineErrors.failure("deleting snapshot " + backupId, deleted);
        }
        report.succeeded();
    }

    /** Registers the repository unless it is registered as it should be (registering verifies it on every node). */
    private void register(ElasticsearchRepository wanted) {
        String path = "_snapshot/" + wanted.name();
        EngineAnswer current = client.send(endpoint, "GET", path, null);
        if (current.ok() && wanted.sameAs(current.body())) {
            return;
        }
        if (!current.ok() && current.status() != 404) {
            throw EngineErrors.failure("reading repository " + wanted.name(), current);
        }
        EngineAnswer registered = client.send(endpoint, "PUT", path, wanted.body());
        if (!registered.ok()) {
            throw EngineErrors.failure("registering repository " + wanted.name(), registered);
        }
    }

    private String engineVersion() {
        // The node the Service led to: the version every node runs once a rolling upgrade is over.
        EngineAnswer node = client.send(endpoint, "GET", "_nodes/_local?filter_path=nodes.*.version", null);
        if (!node.ok()) {
            throw EngineErrors.failure("reading the cluster's version", node);
        }
        return node.body()
                .path("nodes")
                .valueStream()
                .map(found -> found.path("version").asString(""))
                .findFirst()
                .orElse("");
    }

    /**
     * The snapshot an earlier attempt started, once it is no longer running: Elasticsearch goes on with a snapshot
     * after the call that started it is gone (the pod of that attempt was evicted), so this attempt waits for it as the
     * first would have, rather than fail a backup that is about to succeed.
     */
    private JsonNode completedSnapshot() {
        Instant deadline = Instant.now().plus(requestTimeout);
        JsonNode snapshot = existingSnapshot();
        while ("IN_PROGRESS".equals(snapshot.path("state").asString(""))
                && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AgentFailure("interrupted while waiting for snapshot " + backupId);
            }
            snapshot = existingSnapshot();
        }
        return snapshot;
    }

    private JsonNode existingSnapshot() {
        EngineAnswer found = client.send(endpoint, "GET", snapshotPath(), null);
        if (!found.ok()) {
            throw EngineErrors.failure("reading snapshot " + backupId, found);
        }
        return found.body().path("snapshots").path(0);
    }

    private long sizeInBytes() {
        EngineAnswer status = client.send(endpoint, "GET", snapshotPath() + "/_status", null);
        if (!status.ok()) {
            throw EngineErrors.failure("reading the status of snapshot " + backupId, status);
        }
        return status.body()
                .path("snapshots")
                .path(0)
                .path("stats")
                .path("total")
                .path("size_in_bytes")
                .asLong(0);
    }

    private static void describe(JsonNode snapshot, ObjectNode details) {
        details.put("state", snapshot.path("state").asString("UNKNOWN"));
        // The versions of the indices' format the snapshot holds, as Elasticsearch writes them ("8.19.9-8.19.21").
        details.put("snapshot_version", snapshot.path("version").asString(""));
        details.put("indices_count", snapshot.path("indices").size());
        if (snapshot.has("start_time_in_millis")) {
            details.put("start_time", millis(snapshot.path("start_time_in_millis")));
        }
        if (snapshot.has("end_time_in_millis")) {
            details.put("end_time", millis(snapshot.path("end_time_in_millis")));
        }
        if (snapshot.has("shards")) {
            details.set("shards", snapshot.path("shards"));
        }
    }

    private static String failureReason(JsonNode snapshot) {
        if (snapshot.path("reason").isString()) {
            return snapshot.path("reason").asString();
        }
        JsonNode failure = snapshot.path("failures").path(0);
        return failure.isMissingNode()
                ? "no reason given"
                : failure.path("index").asString("?") + "["
                        + failure.path("shard_id").asInt() + "]: "
                        + failure.path("reason").asString("no reason given");
    }

    private static boolean isError(EngineAnswer answer, String type) {
        return type.equals(answer.body().path("error").path("type").asString(""));
    }

    private static String millis(JsonNode millis) {
        return Instant.ofEpochMilli(millis.asLong()).toString();
    }

    private String snapshotPath() {
        return "_snapshot/" + repository.name() + "/" + backupId;
    }
}
