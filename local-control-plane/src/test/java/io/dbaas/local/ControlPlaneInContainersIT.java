package io.dbaas.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * The product as a user installs it with {@code docker-compose up}: Orion, Nebula and GateKeeper from the images this
 * build made, PostgreSQL and Kafka in containers, every one configured only by its environment. The Kubernetes API is
 * fabric8's mock (the one stand-in: no API server runs here), reached through a kubeconfig mounted into Nebula's
 * container as a user mounts minikube's; the test plays the kubelet and load-balancer controller on it, and a
 * {@link RecordingUpstream} plays the cluster behind the load balancer.
 *
 * <p>Runs when a Docker engine answers and this build made the images ({@code DBAAS_IMAGE_BASE}, see
 * {@code containers/README.md}); skipped otherwise. The tests run in order on one stack: the later ones stop and
 * restart its containers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ControlPlaneInContainersIT {

    /** Not the services' default domain: clusters answering under it show that Orion and GateKeeper took it from the environment. */
    private static final String DOMAIN = "containers.localhost";

    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
    /** The services' stop_grace_period in docker-compose.yml. */
    private static final Duration GRACE_PERIOD = Duration.ofSeconds(30);
    /** What a JVM ends with after SIGTERM once its shutdown hooks have run: 128 + 15. */
    private static final int ENDED_BY_SIGTERM = 143;

    private final Ports ports = Ports.free();
    private final String databasePassword = randomHex();
    private final String adminToken = LocalSecrets.managementToken();
    private KubernetesMockServer kubernetesApi;
    private NamespacedKubernetesClient kubernetesClient;
    private RecordingUpstream upstream;
    private KubernetesControllers kubernetes;
    private ComposeStack stack;
    private Orion orion;
    private GateKeeper gatekeeper;

    @BeforeAll
    void startTheStack() throws IOException {
        assumeThat(Boolean.getBoolean("dbaas.images.built"))
                .as("the images are built in this run only with DBAAS_IMAGE_BASE set (containers/README.md)")
                .isTrue();
        assumeThat(ComposeStack.engineAnswers())
                .as("a Docker engine and docker-compose")
                .isTrue();
        kubernetesApi = new KubernetesMockServer(
                new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
        kubernetesApi.init(InetAddress.getLoopbackAddress(), 0);
        kubernetesClient = kubernetesApi.createClient();
        upstream = RecordingUpstream.start();
        kubernetes = new KubernetesControllers(kubernetesClient, upstream);
        stack = ComposeStack.up("dbaas-containers-it", environment(kubeconfig()), START_TIMEOUT);
        HttpResponse<String> opened =
                new Orion(ports.orion(), adminToken).post("/v1/accounts", "{\"name\": \"containers\"}");
        assertThat(opened.statusCode()).isEqualTo(201);
        orion = new Orion(ports.orion(), Http.json(opened).at("/admin/token").asString());
        gatekeeper = new GateKeeper(ports.gatekeeper());
    }

    @AfterAll
    void stopTheStack() {
        if (stack != null) {
            stack.close();
        }
        if (upstream != null) {
            upstream.close();
            kubernetesClient.close();
            kubernetesApi.destroy();
        }
    }

    @Test
    @Order(1)
    void aClaimBecomesARunningClusterReachedThroughGateKeepersContainerUntilItsKeyIsRevoked() {
        Cluster cluster = runningCluster("journey");
        assertThat(cluster.endpoint()).isEqualTo(cluster.id() + ".local.minikube." + DOMAIN);
        JsonNode issued = issueKey(cluster);

        HttpResponse<String> proxied = gatekeeper.get(
                cluster.endpoint(),
                "/collections",
                Map.of("api-key", issued.get("key").asString()));

        assertThat(proxied.statusCode()).isEqualTo(200);
        RecordingUpstream.Received received = upstream.received().getLast();
        assertThat(received.header("api-key")).containsExactly(kubernetes.masterKey(cluster.namespace()));

        HttpResponse<String> revoked = orion.delete(
                "/v1/clusters/" + cluster.id() + "/api-keys/" + issued.get("id").asString());
        assertThat(revoked.statusCode()).isEqualTo(204);
        HttpResponse<String> refused = await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> gatekeeper.get(
                                cluster.endpoint(),
                                "/collections",
                                Map.of("api-key", issued.get("key").asString())),
                        answer -> answer.statusCode() != 200);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(Http.problemType(refused)).isEqualTo("urn:dbaas:problem:unauthenticated");
    }

    @Test
    @Order(2)
    void everyContainerRunsAsNonRootOnAReadOnlyRootFileSystemConfiguredByItsEnvironmentAlone() {
        for (String service : List.of("orion", "nebula", "gatekeeper", "postgres")) {
            JsonNode container = stack.inspect(service);
            assertThat(container.at("/HostConfig/ReadonlyRootfs").asBoolean())
                    .as(service)
                    .isTrue();
            assertThat(stack.exec(service, "id", "-u").output().strip())
                    .as(service + "'s uid")
                    .isNotEqualTo("0");
            ComposeStack.Result written = stack.exec(service, "touch", "/written-by-the-test");
            assertThat(written.exitCode()).as(service).isNotZero();
            assertThat(written.output()).as(service).contains("Read-only file system");
            assertThat(stack.exec(service, "touch", "/tmp/written-by-the-test").exitCode())
                    .as(service + " writes /tmp")
                    .isZero();
        }
        assertThat(stack.exec("kafka", "id", "-u").output().strip()).isNotEqualTo("0");
        for (String service : List.of("orion", "nebula", "gatekeeper")) {
            JsonNode container = stack.inspect(service);
            assertThat(container.at("/Config/User").asString()).isEqualTo("10001:10001");
            // The image's own command line: no arguments that would configure the application.
            assertThat(container.at("/Config/Cmd").isEmpty()).as(service).isTrue();
            // Nothing mounted but /tmp, and, for Nebula, the kubeconfig a user mounts.
            List<String> mounts = container
                    .get("Mounts")
                    .valueStream()
                    .map(mount -> mount.get("Destination").asString())
                    .toList();
            assertThat(mounts).isSubsetOf("/tmp", "/etc/dbaas/kubeconfig");
        }
    }

    @Test
    @Order(3)
    void aClaimWrittenWhileKafkaIsDownIsPublishedOnceOrionStoppedAndStartedAgain() throws SQLException {
        try {
            ComposeStack.Stopped kafkaStopped = stack.stop("kafka");
            assertThat(kafkaStopped.took())
                    .as("kafka stopped within its grace period")
                    .isLessThan(GRACE_PERIOD);
            assertThat(kafkaStopped.oomKilled()).isFalse();
            HttpResponse<String> claimed = orion.post("/v1/clusters", ClaimToRequestIT.validClaim("across-a-restart"));
            assertThat(claimed.statusCode()).isEqualTo(202);
            String namespace = KubernetesControllers.namespaceOf(
                    Http.json(claimed).get("id").asString());
            assertThat(unpublishedOutboxMessages()).isPositive();

            assertEndedCleanly("orion", stack.stop("orion"));
            stack.start("kafka", START_TIMEOUT);
            assertThat(unpublishedOutboxMessages()).isPositive();
            assertThat(kubernetes.statefulSet(namespace)).isNull();
            stack.start("orion", START_TIMEOUT);

            kubernetes.awaitStatefulSet(namespace);
            await().atMost(Duration.ofSeconds(30)).until(() -> unpublishedOutboxMessages() == 0);
        } finally {
            // Whatever failed above, the later tests find every service running.
            stack.start("kafka", START_TIMEOUT);
            stack.start("orion", START_TIMEOUT);
        }
    }

    @Test
    @Order(4)
    void nebulaAndGateKeeperStopCleanlyAndComeBackWithNothingLost() {
        Cluster cluster = runningCluster("stops");
        String key = issueKey(cluster).get("key").asString();

        for (String service : List.of("gatekeeper", "nebula")) {
            assertEndedCleanly(service, stack.stop(service));
            stack.start(service, START_TIMEOUT);
        }

        // GateKeeper rebuilt its directory from Kafka: the cluster's route and the key are still there.
        HttpResponse<String> proxied = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> gatekeeper.get(cluster.endpoint(), "/collections", Map.of("api-key", key)),
                        answer -> answer.statusCode() == 200);
        assertThat(proxied.statusCode()).isEqualTo(200);
        // Nebula took up its work again: a new claim is provisioned.
        runningCluster("after-the-stops");
    }

    @Test
    @Order(5)
    void restartingPostgresKeepsEveryClusterAndKey() {
        Cluster cluster = runningCluster("kept");
        JsonNode issued = issueKey(cluster);

        ComposeStack.Stopped stopped = stack.stop("postgres");
        assertThat(stopped.exitCode()).as("PostgreSQL's exit code").isZero();
        assertThat(stopped.took()).isLessThan(Duration.ofSeconds(30));
        stack.start("postgres", START_TIMEOUT);

        HttpResponse<String> clusters = await().atMost(Duration.ofSeconds(60))
                .until(() -> orion.get("/v1/clusters"), answer -> answer.statusCode() == 200);
        assertThat(Http.json(clusters).get("items").findValuesAsString("id")).contains(cluster.id());
        JsonNode key = Http.json(orion.get(
                "/v1/clusters/" + cluster.id() + "/api-keys/" + issued.get("id").asString()));
        assertThat(key.get("state").asString()).isEqualTo("active");
        assertThat(gatekeeper
                        .get(
                                cluster.endpoint(),
                                "/collections",
                                Map.of("api-key", issued.get("key").asString()))
                        .statusCode())
                .isEqualTo(200);
        assertThat(issueKey(cluster).get("key").asString()).startsWith("dbk_");
    }

    private void assertEndedCleanly(String service, ComposeStack.Stopped stopped) {
        System.out.printf(
                "docker-compose stop %s: %d ms, exit code %d%n",
                service, stopped.took().toMillis(), stopped.exitCode());
        assertThat(stopped.exitCode()).as(service + "'s exit code").isEqualTo(ENDED_BY_SIGTERM);
        assertThat(stopped.oomKilled()).isFalse();
        assertThat(stopped.took())
                .as(service + " stopped within its grace period")
                .isLessThan(GRACE_PERIOD);
        assertThat(stack.logs(service)).as(service).contains("Graceful shutdown complete");
    }

    private Cluster runningCluster(String name) {
        HttpResponse<String> claimed = orion.post("/v1/clusters", ClaimToRequestIT.validClaim(name));
        assertThat(claimed.statusCode()).isEqualTo(202);
        String id = Http.json(claimed).get("id").asString();
        kubernetes.runAllReady(KubernetesControllers.namespaceOf(id));
        JsonNode running = orion.awaitState(id, "RUNNING");
        return new Cluster(id, running.get("endpoint").asString());
    }

    private JsonNode issueKey(Cluster cluster) {
        HttpResponse<String> issued = orion.post(
                "/v1/clusters/" + cluster.id() + "/api-keys", "{\"name\": \"containers\", \"scope\": \"read-write\"}");
        assertThat(issued.statusCode()).isEqualTo(201);
        return Http.json(issued);
    }

    private long unpublishedOutboxMessages() throws SQLException {
        String url = "jdbc:postgresql://127.0.0.1:" + ports.postgres() + "/dbaas";
        try (var connection = DriverManager.getConnection(url, "dbaas", databasePassword);
                ResultSet result = connection
                        .createStatement()
                        .executeQuery("select count(*) from outbox_messages where published_at is null")) {
            result.next();
            return result.getLong(1);
        }
    }

    /** A kubeconfig for the mock API server, readable by the services' uid, as a user writes minikube's. */
    private Path kubeconfig() throws IOException {
        Path file = Path.of("target", "containers-it", "kubeconfig").toAbsolutePath();
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters:
                  - name: mock
                    cluster:
                      server: %s
                users:
                  - name: nebula
                    user:
                      token: not-checked-by-the-mock
                contexts:
                  - name: mock
                    context:
                      cluster: mock
                      user: nebula
                current-context: mock
                """.formatted(kubernetesClient.getMasterUrl()));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        return file;
    }

    /** What a user's .env holds, plus the host-network override's ports and the images of this build. */
    private Map<String, String> environment(Path kubeconfig) {
        var environment = new HashMap<String, String>();
        environment.put("POSTGRES_PASSWORD", databasePassword);
        environment.put("DBAAS_KEY_ENCRYPTION_KEY", LocalSecrets.keyEncryptionKey());
        environment.put("ORION_BOOTSTRAP_ADMIN_TOKEN", adminToken);
        environment.put("KUBECONFIG_FILE", kubeconfig.toString());
        environment.put("DBAAS_DOMAIN", DOMAIN);
        ports.into(environment);
        // The stand-ins for the public PostgreSQL and Kafka images, when the machine has no registry.
        for (String image : List.of("POSTGRES_IMAGE", "KAFKA_IMAGE")) {
            String value = System.getenv("DBAAS_TEST_" + image);
            if (value != null) {
                environment.put(image, value);
            }
        }
        return environment;
    }

    private static String randomHex() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private record Cluster(String id, String endpoint) {

        String namespace() {
            return KubernetesControllers.namespaceOf(id);
        }
    }

    /** The loopback ports the containers listen on, free when the test starts. */
    private record Ports(
            int postgres,
            int kafka,
            int kafkaController,
            int orion,
            int orionManagement,
            int nebula,
            int gatekeeper,
            int gatekeeperManagement) {

        static Ports free() {
            return new Ports(
                    freePort(), freePort(), freePort(), freePort(), freePort(), freePort(), freePort(), freePort());
        }

        void into(Map<String, String> environment) {
            environment.put("POSTGRES_PORT", String.valueOf(postgres));
            environment.put("KAFKA_PORT", String.valueOf(kafka));
            environment.put("KAFKA_CONTROLLER_PORT", String.valueOf(kafkaController));
            environment.put("ORION_PORT", String.valueOf(orion));
            environment.put("ORION_MANAGEMENT_PORT", String.valueOf(orionManagement));
            environment.put("NEBULA_PORT", String.valueOf(nebula));
            environment.put("GATEKEEPER_PORT", String.valueOf(gatekeeper));
            environment.put("GATEKEEPER_MANAGEMENT_PORT", String.valueOf(gatekeeperManagement));
        }

        private static int freePort() {
            try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
