package io.dbaas.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dbaas.testsupport.elasticsearch.ElasticsearchDistributions;
import io.dbaas.testsupport.elasticsearch.StatefulSetStandIn;
import io.fabric8.kubernetes.api.model.Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Backups and restore as a customer meets them, every hop real: Orion's schedule and API, Nebula's agent Jobs (run by
 * the Job stand-in as the backup agent's own main class), and real one-node Elasticsearch clusters whose snapshot
 * repository is the region's NFS export ({@link RegionBackups}). Documents are written and read through GateKeeper
 * with the customer's keys. The steps build on each other (a backup, then a cluster restored from it), hence the order.
 */
@ExtendWith({SharedControlPlane.class, ServiceLogsOnFailure.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BackupAndRestoreIT {

    private static final String VERSION = "9.5.4";
    /** A scheduled backup is due within one interval of the policy asking for it, then taken by an agent Job. */
    private static final Duration SCHEDULE_PATIENCE = Duration.ofMinutes(4);
    /** An agent Job's pod starts a JVM and waits for the snapshot; a failing one is tried three times, backing off. */
    private static final Duration JOB_PATIENCE = Duration.ofMinutes(3);

    private static final Map<String, String> ORDERS = Map.of(
            "order-1", "{\"item\":\"book 1\",\"quantity\":1}",
            "order-2", "{\"item\":\"book 2\",\"quantity\":2}",
            "order-3", "{\"item\":\"book 3\",\"quantity\":3}");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ControlPlaneUnderTest controlPlane;
    private final Orion orion;
    private final GateKeeper gatekeeper;
    private final List<RealElasticsearchCluster> clusters = new ArrayList<>();
    private RealElasticsearchCluster source;
    private @Nullable String onDemandBackup;

    BackupAndRestoreIT(ControlPlaneUnderTest controlPlane) {
        this.controlPlane = controlPlane;
        this.orion = controlPlane.orion();
        this.gatekeeper = controlPlane.gatekeeper();
    }

    @BeforeAll
    void claimAOneNodeClusterAndWriteOrders() {
        assumeTrue(StatefulSetStandIn.supported(), "Real Elasticsearch nodes need root (mounts, a non-root node user)");
        assumeTrue(ElasticsearchDistributions.available(VERSION), "the build provides Elasticsearch " + VERSION);
        Instant start = Instant.now();
        source = RealElasticsearchCluster.claim(controlPlane, "orders", VERSION, 1);
        clusters.add(source);
        ORDERS.forEach((id, order) -> {
            HttpResponse<String> indexed = gatekeeper.send(
                    source.endpoint(), "PUT", "/orders/_doc/" + id + "?refresh=true", source.readWrite(), order);
            assertThat(indexed.statusCode()).as(indexed.body()).isEqualTo(201);
        });
        took("claiming the source cluster and writing 3 orders", start);
    }

    @AfterAll
    void stopTheNodes() {
        clusters.forEach(RealElasticsearchCluster::close);
    }

    @Test
    @Order(1)
    void aScheduledBackupCompletesOnceThePolicyAsksForItsShortInterval() {
        Instant start = Instant.now();
        HttpResponse<String> changed = orion.put(
                "/v1/clusters/" + source.id() + "/backup-policy",
                "{\"enabled\": true, \"interval\": \"PT1M\", \"retention\": 7}");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);

        JsonNode scheduled = await().atMost(SCHEDULE_PATIENCE)
                .pollInterval(Duration.ofSeconds(2))
                .until(
                        () -> backups(source.id()).stream()
                                .filter(backup -> "scheduled"
                                        .equals(backup.path("trigger").asString()))
                                .filter(backup ->
                                        !"running".equals(backup.path("state").asString()))
                                .findFirst()
                                .orElse(null),
                        backup -> backup != null);
        took("a scheduled backup, from the policy's change to its end", start);

        assertThat(scheduled.path("state").asString()).as(scheduled.toString()).isEqualTo("completed");
        assertThat(scheduled.path("id").asString()).matches(source.id() + "-\\d{12}");
        assertThat(scheduled.path("size_in_bytes").asLong()).isPositive();
        assertThat(scheduled.path("engine_version").asString()).isEqualTo(engineVersion(source));
        // Turned off, explicitly and visibly: no further scheduled backup gets in the way of the steps that follow.
        HttpResponse<String> off = orion.put(
                "/v1/clusters/" + source.id() + "/backup-policy",
                "{\"enabled\": false, \"interval\": \"PT1M\", \"retention\": 7}");
        assertThat(off.statusCode()).as(off.body()).isEqualTo(200);
        assertThat(orion.cluster(source.id()).path("backups").path("enabled").asBoolean())
                .isFalse();
    }

    @Test
    @Order(2)
    void anOnDemandBackupIsAcceptedAndItsOperationSucceedsWithTheBackupsFigures() {
        Instant start = Instant.now();
        JsonNode accepted = takeBackup(source);
        assertThat(accepted.path("backup").path("state").asString()).isEqualTo("running");
        assertThat(accepted.path("backup").path("trigger").asString()).isEqualTo("on_demand");
        onDemandBackup = accepted.path("backup").path("id").asString();

        awaitOperation(accepted.path("operation").path("id").asString(), "succeeded");
        took("an on-demand backup, from the request to its operation's success", start);

        JsonNode backup = backup(source.id(), onDemandBackup);
        assertThat(backup.path("state").asString()).isEqualTo("completed");
        assertThat(backup.path("size_in_bytes").asLong()).isPositive();
        assertThat(backup.path("engine_version").asString()).isEqualTo(engineVersion(source));
        assertThat(backup.path("finished_at").asString()).isNotBlank();
        assertThat(backup.path("reason").isNull() || backup.path("reason").isMissingNode())
                .isTrue();
    }

    @Test
    @Order(3)
    void aClusterClaimedFromTheBackupHoldsExactlyTheBackedUpDocuments() {
        assumeTrue(onDemandBackup != null, "the on-demand backup was taken");
        HttpResponse<String> later = gatekeeper.send(
                source.endpoint(),
                "PUT",
                "/orders/_doc/order-4?refresh=true",
                source.readWrite(),
                "{\"item\":\"written after the backup\",\"quantity\":4}");
        assertThat(later.statusCode()).as(later.body()).isEqualTo(201);

        Instant start = Instant.now();
        RealElasticsearchCluster restored =
                RealElasticsearchCluster.claim(controlPlane, "orders-restored", VERSION, 1, onDemandBackup);
        clusters.add(restored);
        took("a cluster restored from the backup, from its claim to answering through GateKeeper", start);

        assertThat(orion.cluster(restored.id())
                        .path("restored_from")
                        .path("backup_id")
                        .asString())
                .isEqualTo(onDemandBackup);
        assertThat(documents(restored, "orders"))
                .as("the backup's documents, read with the restored cluster's own key; the later one is not there")
                .isEqualTo(new TreeMap<>(parsed(ORDERS)));
        assertThat(documents(source, "orders")).containsKey("order-4");
    }

    @Test
    @Order(4)
    void aBackupIntoAnUnreachableRepositoryFailsWithElasticsearchsReasonAndIsCounted() throws IOException {
        assumeTrue(onDemandBackup != null, "the on-demand backup was taken");
        Path repository = repositoryDirectory(source);
        Set<PosixFilePermission> modes = Files.getPosixFilePermissions(repository);
        double failedBefore = failedBackups();
        Instant start = Instant.now();
        JsonNode failed;
        // The export's administrator locks the cluster's directory: the node's user can no longer reach it.
        Files.setPosixFilePermissions(repository, PosixFilePermissions.fromString("---------"));
        try {
            JsonNode accepted = takeBackup(source);
            JsonNode operation =
                    awaitOperation(accepted.path("operation").path("id").asString(), "failed");
            took("a failing backup, from the request to its operation's failure", start);
            assertThat(operation.path("error").asString()).isNotBlank();
            failed = backup(source.id(), accepted.path("backup").path("id").asString());
        } finally {
            Files.setPosixFilePermissions(repository, modes);
        }

        assertThat(failed.path("state").asString()).isEqualTo("failed");
        assertThat(failed.path("reason").asString())
                .as("Elasticsearch's own reason, as the agent reported it")
                .startsWith(
                        "creating snapshot " + failed.path("id").asString() + " failed (HTTP 500: snapshot_exception:")
                .contains("failed to update snapshot in repository")
                .doesNotContain(password(source));
        assertThat(orion.cluster(source.id())
                        .path("backups")
                        .path("last")
                        .path("state")
                        .asString())
                .isEqualTo("failed");
        assertThat(failedBackups())
                .as("orion_backups_failed_total{engine=elasticsearch,trigger=on_demand} on Orion's Prometheus endpoint")
                .isEqualTo(failedBefore + 1);
    }

    @Test
    @Order(5)
    void aDeletedBackupIsDeletedAndGoneFromTheRepository() {
        assumeTrue(onDemandBackup != null, "the on-demand backup was taken");
        Path repository = repositoryDirectory(source);
        String uuid = snapshotUuids(repository).get(onDemandBackup);
        assertThat(uuid).as("the repository's index lists the backup").isNotNull();
        assertThat(repository.resolve("snap-" + uuid + ".dat")).exists();

        Instant start = Instant.now();
        HttpResponse<String> deleting = orion.delete("/v1/clusters/" + source.id() + "/backups/" + onDemandBackup);
        assertThat(deleting.statusCode()).as(deleting.body()).isEqualTo(202);
        assertThat(Http.json(deleting).path("state").asString()).isEqualTo("deleting");

        await().atMost(JOB_PATIENCE)
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> backup(source.id(), onDemandBackup).path("state").asString(), "deleted"::equals);
        took("deleting the on-demand backup", start);
        assertThat(snapshotUuids(repository))
                .as("the repository's index no longer lists the snapshot, only the others")
                .doesNotContainKey(onDemandBackup)
                .isNotEmpty();
        assertThat(repository.resolve("snap-" + uuid + ".dat")).doesNotExist();
        assertThat(repository.resolve("meta-" + uuid + ".dat")).doesNotExist();
    }

    @Test
    @Order(6)
    void neitherAServiceNorABackupAgentLoggedASecret() throws IOException {
        List<String> secrets = new ArrayList<>(controlPlane.secrets());
        for (RealElasticsearchCluster cluster : clusters) {
            secrets.add(password(cluster));
            secrets.addAll(cluster.readWrite().values());
            secrets.addAll(cluster.readOnly().values());
        }
        for (String service : List.of("orion", "nebula", "gatekeeper")) {
            List<String> lines = controlPlane.logLines(service);
            assertThat(lines).as(service + "'s log").isNotEmpty();
            for (String secret : secrets) {
                assertThat(lines).as(service + "'s log").noneMatch(line -> line.contains(secret));
            }
        }
        List<Path> agentOutput = agentLogsAndReports();
        assertThat(agentOutput)
                .as("the agent pods' logs and termination messages")
                .isNotEmpty();
        for (Path file : agentOutput) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            for (String secret : secrets) {
                assertThat(text).as(file.toString()).doesNotContain(secret);
            }
        }
    }

    /** What every agent pod of the test's clusters wrote: its container's log and its termination message. */
    private List<Path> agentLogsAndReports() throws IOException {
        List<Path> files = new ArrayList<>();
        for (RealElasticsearchCluster cluster : clusters) {
            Path pods = Path.of("target", "elasticsearch-pods", cluster.id(), "jobs", "pods");
            if (!Files.isDirectory(pods)) {
                continue;
            }
            try (Stream<Path> found = Files.walk(pods, 2)) {
                found.filter(file -> Set.of("container.log", "termination-log")
                                .contains(file.getFileName().toString()))
                        .forEach(files::add);
            }
        }
        return files;
    }

    // ---- steps ----

    /** {@code POST /v1/clusters/{id}/backups}; while a scheduled backup still runs it is refused, and asked again. */
    private JsonNode takeBackup(RealElasticsearchCluster cluster) {
        HttpResponse<String> accepted = await().atMost(JOB_PATIENCE)
                .pollInterval(Duration.ofSeconds(1))
                .until(
                        () -> orion.post("/v1/clusters/" + cluster.id() + "/backups", ""),
                        answer -> answer.statusCode() != 409);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.headers().firstValue("Operation-Location")).isPresent();
        return Http.json(accepted);
    }

    private JsonNode awaitOperation(String id, String state) {
        JsonNode operation = await().atMost(JOB_PATIENCE)
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> orion.operation(id), found -> !Set.of("pending", "running")
                        .contains(found.path("state").asString()));
        assertThat(operation.path("state").asString()).as(operation.toString()).isEqualTo(state);
        assertThat(operation.path("kind").asString()).isEqualTo("backup");
        return operation;
    }

    private List<JsonNode> backups(String clusterId) {
        HttpResponse<String> listed = orion.get("/v1/clusters/" + clusterId + "/backups");
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        return Http.json(listed).path("items").valueStream().toList();
    }

    private JsonNode backup(String clusterId, String backupId) {
        HttpResponse<String> found = orion.get("/v1/clusters/" + clusterId + "/backups/" + backupId);
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        return Http.json(found);
    }

    /**
     * The version the cluster's node reports, which a backup records as its engine version ({@code GET /} is not served
     * by the test distribution, which lacks the module of Elasticsearch's root endpoint).
     */
    private String engineVersion(RealElasticsearchCluster cluster) {
        HttpResponse<String> nodes =
                gatekeeper.get(cluster.endpoint(), "/_nodes/_local?filter_path=nodes.*.version", cluster.readWrite());
        assertThat(nodes.statusCode()).as(nodes.body()).isEqualTo(200);
        return Http.json(nodes)
                .path("nodes")
                .valueStream()
                .findFirst()
                .orElseThrow()
                .path("version")
                .asString();
    }

    /** Every document of {@code index}, by id, read through GateKeeper with the cluster's own key. */
    private Map<String, JsonNode> documents(RealElasticsearchCluster cluster, String index) {
        HttpResponse<String> found =
                gatekeeper.get(cluster.endpoint(), "/" + index + "/_search?size=100", cluster.readWrite());
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        Map<String, JsonNode> documents = new TreeMap<>();
        Http.json(found)
                .path("hits")
                .path("hits")
                .valueStream()
                .forEach(hit -> documents.put(hit.path("_id").asString(), hit.path("_source")));
        return documents;
    }

    private static Map<String, JsonNode> parsed(Map<String, String> documents) {
        Map<String, JsonNode> parsed = new LinkedHashMap<>();
        documents.forEach((id, json) -> parsed.put(id, JSON.readTree(json)));
        return parsed;
    }

    /** Where the cluster's snapshots are in the export: under its account's and its own id, as Nebula lays them out. */
    private Path repositoryDirectory(RealElasticsearchCluster cluster) {
        String account = controlPlane
                .kubernetes()
                .namespace(KubernetesControllers.namespaceOf(cluster.id()))
                .getMetadata()
                .getAnnotations()
                .get("dbaas.io/account-id");
        Path directory = controlPlane.backups().clusterDirectory(account, cluster.id());
        assertThat(directory).isDirectory();
        return directory;
    }

    /** The snapshots the repository's newest index lists, name to uuid: what Elasticsearch itself would find there. */
    private static Map<String, String> snapshotUuids(Path repository) {
        try (Stream<Path> files = Files.list(repository)) {
            Path newest = files.filter(file -> file.getFileName().toString().matches("index-\\d+"))
                    .max((a, b) -> Long.compare(generation(a), generation(b)))
                    .orElseThrow(() -> new AssertionError("no index-N in " + repository));
            Map<String, String> snapshots = new TreeMap<>();
            JSON.readTree(Files.readString(newest, StandardCharsets.UTF_8))
                    .path("snapshots")
                    .valueStream()
                    .forEach(snapshot -> snapshots.put(
                            snapshot.path("name").asString(),
                            snapshot.path("uuid").asString()));
            return snapshots;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long generation(Path indexFile) {
        return Long.parseLong(indexFile.getFileName().toString().substring("index-".length()));
    }

    /** The cluster's superuser password, as Nebula keeps it in the cluster's namespace. */
    private String password(RealElasticsearchCluster cluster) {
        Secret secret = controlPlane
                .kubernetes()
                .client()
                .secrets()
                .inNamespace(KubernetesControllers.namespaceOf(cluster.id()))
                .withName("elasticsearch-elastic-user")
                .get();
        return new String(Base64.getDecoder().decode(secret.getData().get("elastic")), StandardCharsets.UTF_8);
    }

    /** {@code orion_backups_failed_total} of Elasticsearch's on-demand backups, as Prometheus scrapes it from Orion. */
    private double failedBackups() {
        URI endpoint = controlPlane.prometheusEndpoints().get("orion");
        HttpResponse<String> scraped =
                Http.send(HttpRequest.newBuilder(endpoint).GET());
        assertThat(scraped.statusCode()).isEqualTo(200);
        return scraped.body()
                .lines()
                .filter(line -> line.startsWith("orion_backups_failed_total{"))
                .filter(line -> line.contains("engine=\"elasticsearch\"") && line.contains("trigger=\"on_demand\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError(
                        "Orion exposes no orion_backups_failed_total for Elasticsearch's" + " on-demand backups"));
    }

    private static void took(String step, Instant start) {
        System.out.printf(
                "BackupAndRestoreIT: %s took %d s%n",
                step, Duration.between(start, Instant.now()).toSeconds());
    }
}
