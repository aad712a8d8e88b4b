package io.dbaas.backup.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dbaas.testsupport.elasticsearch.ElasticsearchDistributions;
import io.dbaas.testsupport.elasticsearch.NfsExports;
import io.dbaas.testsupport.elasticsearch.StatefulSetStandIn;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The agent against two real one-node Elasticsearch clusters with security on, sharing a file-system snapshot
 * repository (the test distribution has no S3 module): a backup of the first, restored into the second, empty one,
 * then deleted. The tests run in order and share the two nodes, each start costing ~15 s and 512 MB.
 */
@EnableKubernetesMockClient(crud = true, https = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ElasticsearchBackupIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BACKUP_ID = "3b1f0c2e-7d4a-4c1e-9f5b-backup-1";
    /** Per account and cluster, as Nebula names the base path: no cluster's backups in another's path. */
    private static final String LOCATION = SingleNodeElasticsearch.SNAPSHOTS_PATH + "/account-7/cluster-source";

    static KubernetesClient client;

    private String version = "";
    private SingleNodeElasticsearch source;
    private SingleNodeElasticsearch target;

    @TempDir
    Path agentFiles;

    @BeforeAll
    void startTwoClustersSharingASnapshotVolume() throws IOException {
        assumeTrue(StatefulSetStandIn.supported(), "Real Elasticsearch nodes need root (mounts, a non-root node user)");
        version = System.getProperty("dbaas.elasticsearch.versions", "").split(",")[0];
        assumeTrue(ElasticsearchDistributions.available(version), "the build provides Elasticsearch " + version);
        Path directory = Path.of(
                        "target", "elasticsearch-pods", UUID.randomUUID().toString())
                .toAbsolutePath();
        Path shared = Files.createDirectories(directory.resolve("shared-snapshots"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        NfsExports export = SingleNodeElasticsearch.export(shared);
        var starting = CompletableFuture.supplyAsync(() ->
                SingleNodeElasticsearch.start(client, "cluster-source", version, directory.resolve("source"), export));
        target = SingleNodeElasticsearch.start(client, "cluster-target", version, directory.resolve("target"), export);
        source = starting.join();
        source.awaitReady();
        target.awaitReady();
    }

    @AfterAll
    void stopClusters() {
        if (source != null) {
            source.close();
        }
        if (target != null) {
            target.close();
        }
    }

    @Test
    @Order(1)
    void takeSnapshotsTheClusterAndReportsSuccessWithItsSizeVersionAndTimes() {
        for (int i = 1; i <= 3; i++) {
            HttpResponse<String> indexed = source.call(
                    "PUT",
                    "orders/_doc/order-" + i + "?refresh=true",
                    "{\"item\": \"book " + i + "\", \"qty\": " + i + "}");
            assertThat(indexed.statusCode()).as(indexed.body()).isEqualTo(201);
        }

        AgentRun.Result result =
                agent("take", source, source.password(), LOCATION).run();

        assertThat(result.exitStatus()).as(result.message()).isZero();
        JsonNode report = result.report();
        assertThat(report.path("outcome").asString()).isEqualTo("SUCCEEDED");
        assertThat(report.path("state").asString()).isEqualTo("SUCCESS");
        assertThat(report.path("engine_version").asString()).isEqualTo(version);
        assertThat(report.path("snapshot_version").asString()).endsWith(version);
        assertThat(report.path("size_in_bytes").asLong()).isPositive();
        assertThat(report.path("indices_count").asInt()).isPositive();
        assertThat(report.path("start_time").asString()).isNotEmpty();
        assertThat(report.path("end_time").asString()).isNotEmpty();
        assertThat(report.path("shards").path("failed").asInt()).isZero();
        assertThat(result.message()).doesNotContain(source.password());
        assertThat(source.call("GET", "_snapshot/dbaas-backups/" + BACKUP_ID, null)
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    @Order(2)
    void aSecondAttemptOfTheSameBackupReportsTheSnapshotTheFirstTook() {
        AgentRun.Result result =
                agent("take", source, source.password(), LOCATION).run();

        assertThat(result.exitStatus()).as(result.message()).isZero();
        assertThat(result.report().path("taken_by_an_earlier_attempt").asBoolean())
                .isTrue();
        assertThat(result.report().path("state").asString()).isEqualTo("SUCCESS");
    }

    @Test
    @Order(3)
    void restoreIntoAnEmptyClusterHoldsExactlyTheDocumentsBackedUp() {
        assertThat(target.call("GET", "orders/_count", null).statusCode()).isEqualTo(404);

        AgentRun.Result result =
                agent("restore", target, target.password(), LOCATION).run();

        assertThat(result.exitStatus()).as(result.message()).isZero();
        assertThat(result.report().path("restored_indices_count").asInt()).isPositive();
        assertThat(json(target.call("GET", "orders/_count", null)).path("count").asInt())
                .isEqualTo(3);
        JsonNode hits = json(target.call("GET", "orders/_search?sort=qty", null))
                .path("hits")
                .path("hits");
        assertThat(hits.valueStream()
                        .map(hit -> hit.path("_id").asString() + "="
                                + hit.path("_source").path("item").asString())
                        .toList())
                .containsExactly("order-1=book 1", "order-2=book 2", "order-3=book 3");
        JsonNode repository = json(target.call("GET", "_snapshot/dbaas-backups", null));
        assertThat(repository
                        .path("dbaas-backups")
                        .path("settings")
                        .path("readonly")
                        .asString())
                .as("the restoring cluster can never write to the source's backups")
                .isEqualTo("true");
    }

    @Test
    @Order(4)
    void restoreIntoAClusterThatHoldsTheIndicesFailsWithElasticsearchsReason() {
        AgentRun.Result result =
                agent("restore", target, target.password(), LOCATION).run();

        assertThat(result.exitStatus()).isEqualTo(1);
        assertThat(result.report().path("outcome").asString()).isEqualTo("FAILED");
        assertThat(result.reason())
                .startsWith("restoring snapshot " + BACKUP_ID + " failed (HTTP 500: snapshot_restore_exception:")
                .contains("orders");
    }

    @Test
    @Order(5)
    void aRepositoryOutsideTheNodesRepositoryPathFailsTheBackupWithElasticsearchsReason() {
        AgentRun.Result result = agent("take", source, source.password(), "/var/backups/elsewhere")
                .with("BACKUP_ID", "backup-2")
                .run();

        assertThat(result.exitStatus()).isEqualTo(1);
        assertThat(result.reason())
                .startsWith("registering repository dbaas-backups failed (HTTP 500: repository_exception:")
                .contains("path.repo");
    }

    @Test
    @Order(6)
    void aWrongPasswordIsRefusedByElasticsearchAndNeverReported() {
        AgentRun.Result result =
                agent("take", source, "not-the-password-of-elastic", LOCATION).run();

        assertThat(result.exitStatus()).isEqualTo(1);
        assertThat(result.reason()).startsWith("reading the cluster's version failed (HTTP 401: security_exception:");
        assertThat(result.message()).doesNotContain("not-the-password").doesNotContain(source.password());
    }

    @Test
    @Order(7)
    void deleteRemovesTheSnapshotAndASecondDeleteFindsItGone() {
        AgentRun.Result deleted =
                agent("delete", source, source.password(), LOCATION).run();
        AgentRun.Result again =
                agent("delete", source, source.password(), LOCATION).run();

        assertThat(deleted.exitStatus()).as(deleted.message()).isZero();
        assertThat(deleted.report().has("already_absent")).isFalse();
        assertThat(source.call("GET", "_snapshot/dbaas-backups/" + BACKUP_ID, null)
                        .statusCode())
                .isEqualTo(404);
        assertThat(again.exitStatus()).as(again.message()).isZero();
        assertThat(again.report().path("already_absent").asBoolean()).isTrue();
    }

    @Test
    @Order(8)
    void aRestartedAttemptWaitsForTheSnapshotItsEvictedPredecessorStartedAndReportsIt() {
        // A repository throttled to 1 KB/s, so that the snapshot is still running when the second attempt starts.
        String throttled = """
                {"type": "fs", "settings": {"location": "%s-throttled", "max_snapshot_bytes_per_sec": "1kb"}}""".formatted(LOCATION);
        assertThat(source.call("PUT", "_snapshot/throttled", throttled).statusCode())
                .isEqualTo(200);
        HttpResponse<String> started = source.call(
                "PUT", "_snapshot/throttled/backup-3?wait_for_completion=false", "{\"include_global_state\": true}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        assertThat(json(source.call("GET", "_snapshot/throttled/backup-3", null))
                        .path("snapshots")
                        .path(0)
                        .path("state")
                        .asString())
                .isEqualTo("IN_PROGRESS");

        AgentRun.Result result = new AgentRun(agentFiles)
                .with("BACKUP_ACTION", "take")
                .with("BACKUP_ENGINE", "elasticsearch")
                .with("BACKUP_ID", "backup-3")
                .with("BACKUP_ENDPOINTS", source.endpoint().toString())
                .withFile("BACKUP_ENGINE_CREDENTIAL_FILE", source.password())
                .withFile(
                        "BACKUP_PARAMETERS_FILE",
                        "{\"repository\": {\"name\": \"throttled\", "
                                + throttled.strip().substring(1) + "}")
                .run();

        assertThat(result.exitStatus()).as(result.message()).isZero();
        assertThat(result.report().path("taken_by_an_earlier_attempt").asBoolean())
                .isTrue();
        assertThat(result.report().path("state").asString()).isEqualTo("SUCCESS");
        assertThat(result.report().path("size_in_bytes").asLong()).isPositive();
    }

    private AgentRun agent(String action, SingleNodeElasticsearch cluster, String password, String location) {
        return new AgentRun(agentFiles)
                .with("BACKUP_ACTION", action)
                .with("BACKUP_ENGINE", "elasticsearch")
                .with("BACKUP_ID", BACKUP_ID)
                .with("BACKUP_ENDPOINTS", cluster.endpoint().toString())
                .with("BACKUP_ENGINE_USERNAME", "elastic")
                .withFile("BACKUP_ENGINE_CREDENTIAL_FILE", password + "\n")
                .withFile("BACKUP_PARAMETERS_FILE", """
                        {"repository": {"name": "dbaas-backups", "type": "fs",
                          "settings": {"location": "%s", "compress": "true"}}}""".formatted(location));
    }

    private static JsonNode json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isLessThan(300);
        return JSON.readTree(response.body());
    }
}
