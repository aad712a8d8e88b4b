package io.dbaas.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Everything the end-to-end tests run against, every hop real: embedded PostgreSQL, an embedded KRaft broker with
 * authentication and ACLs as in production ({@link AuthenticatedKafka}), a
 * Kubernetes API server (fabric8's mock in CRUD mode, on which {@link KubernetesControllers} plays what a real cluster
 * would do), a {@link RecordingUpstream} standing in for the clusters, and Orion, Nebula and GateKeeper as separate
 * processes from their jars. Two regions share the API server: {@code minikube/local}, without backup storage, and
 * {@code minikube/onprem}, which keeps backups on an NFS export ({@link RegionBackups}). Started once per test JVM by {@link SharedControlPlane} and shared by every IT class:
 * starting it takes most of the end-to-end tests' time.
 */
final class ControlPlaneUnderTest implements AutoCloseable {

    static final String DOMAIN = "dbaas.localhost";

    private static final Path LOGS = Path.of("target", "it-logs");
    private static final Path BACKUPS = Path.of("target", "region-backups");

    /**
     * Every service logs as production would with the Helm chart's {@code logging.format: json}: one JSON object a
     * line (Elastic Common Schema), with the trace and span ids of the work it belongs to.
     */
    private static final Map<String, String> JSON_LOGS = Map.of("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs");

    private final Deque<AutoCloseable> started;
    private final EmbeddedPostgres postgres;
    private final AuthenticatedKafka kafka;
    private final KubernetesControllers kubernetes;
    private final RecordingUpstream upstream;
    private final RegionBackups backups;
    private final ControlPlane.Ports ports;
    /** The first administrator of a tenant account, opened by the platform administrator. */
    private final String tenantToken;
    /** What no log line may contain: the key-encryption key and the management tokens. */
    private final List<String> secrets;

    private ControlPlaneUnderTest(
            Deque<AutoCloseable> started,
            EmbeddedPostgres postgres,
            AuthenticatedKafka kafka,
            KubernetesControllers kubernetes,
            RecordingUpstream upstream,
            RegionBackups backups,
            ControlPlane.Ports ports,
            String tenantToken,
            List<String> secrets) {
        this.started = started;
        this.secrets = secrets;
        this.postgres = postgres;
        this.kafka = kafka;
        this.kubernetes = kubernetes;
        this.upstream = upstream;
        this.backups = backups;
        this.ports = ports;
        this.tenantToken = tenantToken;
    }

    /** Starts everything and opens a tenant account; whatever started is stopped again if something fails. */
    static ControlPlaneUnderTest start() {
        Deque<AutoCloseable> started = new ArrayDeque<>();
        try {
            EmbeddedPostgres postgres = EmbeddedInfrastructure.postgres();
            started.push(postgres);
            // Kafka as in production: each service logs in as its own user over TLS, with only the ACLs that
            // docs/operations/kafka.md grants it, on topics the platform created.
            AuthenticatedKafka kafka = AuthenticatedKafka.start();
            started.push(kafka);
            MockKubernetesApi api = MockKubernetesApi.start();
            started.push(api);
            NamespacedKubernetesClient client = api.client();
            RecordingUpstream upstream = RecordingUpstream.start();
            started.push(upstream);
            RegionBackups backups = RegionBackups.create(BACKUPS.toAbsolutePath());
            var ports = new ControlPlane.Ports(freePort(), freePort(), freePort(), freePort(), freePort());
            String adminToken = LocalSecrets.managementToken();
            String keyEncryptionKey = LocalSecrets.keyEncryptionKey();
            ControlPlane controlPlane = ControlPlane.start(new ControlPlane.Settings(
                    Path.of(System.getProperty("dbaas.home", "..")),
                    postgres.getJdbcUrl("postgres", "postgres"),
                    "postgres",
                    "",
                    kafka.bootstrapServers(),
                    keyEncryptionKey,
                    adminToken,
                    DOMAIN,
                    ports,
                    Stream.concat(
                                    Stream.of(
                                            "--nebula.providers.minikube.regions.local.kubernetes.api-url=" + api.url(),
                                            "--nebula.providers.minikube.regions.local.exposure=load-balancer"),
                                    RegionBackups.nebulaArguments(api.url()).stream())
                            .toList(),
                    withJsonLogs(withOrionBackupSettings(kafka.serviceEnvironments())),
                    LOGS,
                    null));
            started.push(controlPlane);
            ServiceLogsOnFailure.watch(controlPlane);
            RegionBackups.offer(new Orion(ports.orion(), adminToken));
            HttpResponse<String> opened =
                    new Orion(ports.orion(), adminToken).post("/v1/accounts", "{\"name\": \"journey\"}");
            assertThat(opened.statusCode()).isEqualTo(201);
            String tenantToken = Http.json(opened).get("admin").get("token").asString();
            return new ControlPlaneUnderTest(
                    started,
                    postgres,
                    kafka,
                    new KubernetesControllers(client, upstream),
                    upstream,
                    backups,
                    ports,
                    tenantToken,
                    List.of(keyEncryptionKey, adminToken, tenantToken));
        } catch (IOException e) {
            Started.stopAll(started, "the control plane under test");
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            Started.stopAll(started, "the control plane under test");
            throw e;
        }
    }

    /** Orion as the tenant's administrator. */
    Orion orion() {
        return orionAs(tenantToken);
    }

    /** Orion as whoever holds {@code token}. */
    Orion orionAs(String token) {
        return new Orion(ports.orion(), token);
    }

    GateKeeper gatekeeper() {
        return new GateKeeper(ports.gatekeeper());
    }

    /** Where Prometheus would scrape each service: Orion's and GateKeeper's management ports, Nebula's only port. */
    Map<String, URI> prometheusEndpoints() {
        return Map.of(
                "orion", prometheus(ports.orionManagement()),
                "nebula", prometheus(ports.nebula()),
                "gatekeeper", prometheus(ports.gatekeeperManagement()));
    }

    private static URI prometheus(int port) {
        return URI.create("http://127.0.0.1:" + port + "/actuator/prometheus");
    }

    KubernetesControllers kubernetes() {
        return kubernetes;
    }

    RecordingUpstream upstream() {
        return upstream;
    }

    /** The region's backup storage, the agent's image and Orion's backup settings of this run. */
    RegionBackups backups() {
        return backups;
    }

    /** Settings of a Kafka client with the platform's rights (the broker's super user). */
    Map<String, Object> kafkaAdminSettings() {
        return kafka.adminSettings();
    }

    String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    /** The lines {@code service} (orion, nebula or gatekeeper) has written so far. */
    List<String> logLines(String service) {
        try {
            return Files.readAllLines(LOGS.resolve(service + ".log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What no log line may contain: the key-encryption key and the management tokens of this run. */
    List<String> secrets() {
        return secrets;
    }

    private static Map<String, Map<String, String>> withOrionBackupSettings(
            Map<String, Map<String, String>> environments) {
        Map<String, Map<String, String>> merged = new HashMap<>(environments);
        Map<String, String> orion = new HashMap<>(environments.getOrDefault("orion", Map.of()));
        orion.putAll(RegionBackups.orionEnvironment());
        merged.put("orion", Map.copyOf(orion));
        return merged;
    }

    private static Map<String, Map<String, String>> withJsonLogs(Map<String, Map<String, String>> environments) {
        Map<String, Map<String, String>> merged = new HashMap<>();
        for (String service : List.of("orion", "nebula", "gatekeeper")) {
            Map<String, String> environment = new HashMap<>(environments.getOrDefault(service, Map.of()));
            environment.putAll(JSON_LOGS);
            merged.put(service, Map.copyOf(environment));
        }
        return Map.copyOf(merged);
    }

    /** Stops the services first (GateKeeper first of them), then what they used. */
    @Override
    public void close() {
        Started.stopAll(started, "the control plane under test");
    }

    static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
