package io.dbaas.backup.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Backups of a two-node Qdrant cluster, against {@link QdrantSnapshotApiStandIn}: a stand-in that follows Qdrant's
 * published snapshot API, failure answers included, since no Qdrant server runs here.
 */
class QdrantBackupTest {

    private static final String API_KEY = "qdrant-master-key-0123456789abcdef";

    @TempDir
    Path directory;

    private final QdrantSnapshotApiStandIn node0 = QdrantSnapshotApiStandIn.start(API_KEY, 101);
    private final QdrantSnapshotApiStandIn node1 = QdrantSnapshotApiStandIn.start(API_KEY, 202);

    @AfterEach
    void stopNodes() {
        node0.close();
        node1.close();
    }

    @Test
    void takeSnapshotsEveryCollectionOnEveryNodeAndReportsEachWithItsNode() {
        for (var node : List.of(node0, node1)) {
            node.collection("articles", "points of articles on " + node.uri().getPort());
            node.collection("images", "points of images on " + node.uri().getPort());
        }

        AgentRun.Result result = agent("take").run();

        assertThat(result.exitStatus()).isZero();
        assertThat(result.outcome()).isEqualTo("SUCCEEDED");
        JsonNode report = result.report();
        assertThat(report.path("engine_version").asString()).isEqualTo(QdrantSnapshotApiStandIn.VERSION);
        assertThat(report.path("snapshots_count").asInt()).isEqualTo(4);
        List<String> made = report.path("snapshots")
                .valueStream()
                .map(s -> s.path("node").asInt() + "/" + s.path("collection").asString() + "/"
                        + s.path("snapshot").asString())
                .toList();
        assertThat(made)
                .containsExactlyInAnyOrder(
                        "0/articles/" + only(node0, "articles"),
                        "0/images/" + only(node0, "images"),
                        "1/articles/" + only(node1, "articles"),
                        "1/images/" + only(node1, "images"));
        long sizes = report.path("snapshots")
                .valueStream()
                .mapToLong(s -> s.path("size_in_bytes").asLong())
                .sum();
        assertThat(report.path("total_size_in_bytes").asLong()).isEqualTo(sizes).isGreaterThan(4000);
        assertThat(node0.requests()).contains("POST /collections/articles/snapshots?wait=true");
        assertThat(result.message()).doesNotContain(API_KEY);
    }

    @Test
    void aCollectionDeletedDuringTheBackupIsSkippedAndNamed() {
        node0.collection("articles", "a");
        node0.deletedWhileListed("scratch");

        AgentRun.Result result = agent("take", node0).run();

        assertThat(result.exitStatus()).isZero();
        assertThat(result.report().path("collections_skipped").get(0).asString())
                .isEqualTo("scratch");
        assertThat(result.report().path("snapshots_count").asInt()).isEqualTo(1);
    }

    @Test
    void aSnapshotQdrantFailsToMakeFailsTheBackupWithQdrantsReasonAndListsTheSnapshotsMadeBefore() {
        node0.collection("articles", "a");
        node1.collection("articles", "a");
        node1.collection("images", "i");
        node1.failSnapshotsOf("images");

        AgentRun.Result result = agent("take").run();

        assertThat(result.exitStatus()).isEqualTo(1);
        assertThat(result.outcome()).isEqualTo("FAILED");
        assertThat(result.reason())
                .isEqualTo("snapshot of collection images on node 1 failed (HTTP 500: Service internal error: failed to"
                        + " upload snapshot of `images`)");
        assertThat(result.report().path("snapshots")).hasSize(2);
    }

    @Test
    void aWrongApiKeyIsRefusedByQdrantAndNeitherKeyIsReported() {
        node0.collection("articles", "a");

        AgentRun.Result result = new AgentRun(directory)
                .with("BACKUP_ACTION", "take")
                .with("BACKUP_ENGINE", "qdrant")
                .with("BACKUP_ID", "b-1")
                .with("BACKUP_ENDPOINTS", node0.uri().toString())
                .withFile("BACKUP_ENGINE_CREDENTIAL_FILE", "not-the-key-of-this-cluster\n")
                .run();

        assertThat(result.exitStatus()).isEqualTo(1);
        assertThat(result.reason())
                .isEqualTo("reading the version failed (HTTP 401: Must provide an API key or an Authorization bearer"
                        + " token)");
        assertThat(result.message()).doesNotContain("not-the-key").doesNotContain(API_KEY);
    }

    @Test
    void restoreRecoversEachCollectionOnTheNodeOfItsSnapshotWithTheSnapshotAsSourceOfTruth() {
        String location0 = "https://bucket.example/qdrant/snapshots/articles/a0.snapshot?X-Amz-Signature=abc";
        String location1 = "https://bucket.example/qdrant/snapshots/articles/a1.snapshot?X-Amz-Signature=def";
        node0.publish(location0, "articles of node 0");
        node1.publish(location1, "articles of node 1");

        AgentRun.Result result = agent("restore")
                .withFile("BACKUP_PARAMETERS_FILE", """
                        {"recoveries": [
                          {"node": 0, "collection": "articles", "location": "%s", "checksum": "%s"},
                          {"node": 1, "collection": "articles", "location": "%s"}
                        ]}""".formatted(
                                location0, QdrantSnapshotApiStandIn.checksum("articles of node 0"), location1))
                .run();

        assertThat(result.exitStatus()).isZero();
        assertThat(result.report().path("recovered_count").asInt()).isEqualTo(2);
        assertThat(node0.collections()).containsEntry("articles", "articles of node 0");
        assertThat(node1.collections()).containsEntry("articles", "articles of node 1");
        assertThat(node0.requests()).contains("PUT /collections/articles/snapshots/recover?wait=true");
        assertThat(result.message()).doesNotContain("X-Amz-Signature");
    }

    @Test
    void aLocationQdrantCannotDownloadFailsTheRestoreWithoutReportingTheSignedQuery() {
        AgentRun.Result result =
                agent("restore", node0).withFile("BACKUP_PARAMETERS_FILE", """
                        {"recoveries": [{"node": 0, "collection": "articles",
                          "location": "https://bucket.example/a.snapshot?X-Amz-Signature=secret-signature"}]}""").run();

        assertThat(result.exitStatus()).isEqualTo(1);
        assertThat(result.reason())
                .startsWith("recovering collection articles failed (HTTP 500: Service internal error: Failed to"
                        + " download snapshot from https://bucket.example/a.snapshot?…")
                .doesNotContain("secret-signature");
        assertThat(result.message()).doesNotContain("secret-signature");
    }

    @Test
    void aChecksumMismatchFailsTheRestoreWithQdrantsReason() {
        String location = "https://bucket.example/a.snapshot";
        node0.publish(location, "articles");

        AgentRun.Result result = agent("restore", node0)
                .withFile("BACKUP_PARAMETERS_FILE", """
                        {"recoveries": [{"node": 0, "collection": "articles", "location": "%s",
                          "checksum": "0000"}]}""".formatted(location))
                .run();

        assertThat(result.exitStatus()).isEqualTo(1);
        assertThat(result.reason()).contains("HTTP 400: Bad request: Snapshot checksum mismatch");
        assertThat(node0.collections()).doesNotContainKey("articles");
    }

    @Test
    void anS3UrlIsRefusedBeforeQdrantIsCalledSinceItsRecoverApiTakesOnlyHttpAndFileLocations() {
        AgentRun.Result result =
                agent("restore", node0).withFile("BACKUP_PARAMETERS_FILE", """
                        {"recoveries": [{"node": 0, "collection": "articles", "location": "s3://bucket/a.snapshot"}]}""").run();

        assertThat(result.exitStatus()).isEqualTo(1);
        assertThat(result.reason()).contains("must be an http(s) URL or a file:// path");
        assertThat(node0.requests()).isEmpty();
    }

    @Test
    void deleteRemovesEverySnapshotOfTheBackupAndASecondDeleteFindsThemGone() {
        node0.collection("articles", "a");
        node1.collection("articles", "a");
        AgentRun.Result taken = agent("take").run();
        String snapshots = "{\"snapshots\": " + taken.report().path("snapshots") + "}";

        AgentRun.Result deleted =
                agent("delete").withFile("BACKUP_PARAMETERS_FILE", snapshots).run();
        AgentRun.Result again =
                agent("delete").withFile("BACKUP_PARAMETERS_FILE", snapshots).run();

        assertThat(deleted.exitStatus()).isZero();
        assertThat(deleted.report().path("deleted_count").asInt()).isEqualTo(2);
        assertThat(node0.snapshotsOf("articles")).isEmpty();
        assertThat(node1.snapshotsOf("articles")).isEmpty();
        assertThat(again.exitStatus()).isZero();
        assertThat(again.report().path("already_absent_count").asInt()).isEqualTo(2);
    }

    @Test
    void anAnswerBeyondTheLimitIsNotReadAndFailsTheBackup() {
        node0.collection("articles", "a");
        node0.padAnswersTo(200_000);

        AgentRun.Result result =
                agent("take", node0).with("BACKUP_MAX_ANSWER_BYTES", "65536").run();

        assertThat(result.exitStatus()).isEqualTo(1);
        assertThat(result.reason()).isEqualTo("the engine's answer is larger than 65536 bytes");
    }

    @Test
    void aNodeThatDoesNotAnswerFailsTheBackupNamingIt() {
        node1.close();
        node0.collection("articles", "a");

        AgentRun.Result result = agent("take").run();

        assertThat(result.exitStatus()).isEqualTo(1);
        assertThat(result.reason())
                .isEqualTo("connection to 127.0.0.1:" + node1.uri().getPort() + " refused");
    }

    private AgentRun agent(String action) {
        return agent(action, node0, node1);
    }

    private AgentRun agent(String action, QdrantSnapshotApiStandIn... nodes) {
        return new AgentRun(directory)
                .with("BACKUP_ACTION", action)
                .with("BACKUP_ENGINE", "qdrant")
                .with("BACKUP_ID", "0f3c2a9e-backup")
                .with(
                        "BACKUP_ENDPOINTS",
                        String.join(
                                ",",
                                java.util.Arrays.stream(nodes)
                                        .map(node -> node.uri().toString())
                                        .toList()))
                .withFile("BACKUP_ENGINE_CREDENTIAL_FILE", API_KEY + "\n");
    }

    private static String only(QdrantSnapshotApiStandIn node, String collection) {
        assertThat(node.snapshotsOf(collection)).hasSize(1);
        return node.snapshotsOf(collection).keySet().iterator().next();
    }
}
