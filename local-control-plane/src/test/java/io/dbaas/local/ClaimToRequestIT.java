package io.dbaas.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dbaas.contracts.MessageCodec;
import io.dbaas.contracts.Topics;
import io.fabric8.kubernetes.api.model.LoadBalancerIngressBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import tools.jackson.databind.JsonNode;

/**
 * The whole path, every hop real: a claim to Orion over HTTP, the command through the outbox and a real Kafka broker
 * to Nebula, Nebula's objects in a Kubernetes API server (fabric8's mock in CRUD mode; this test plays the kubelet and
 * the load-balancer controller), status back to Orion through Kafka, and a request through GateKeeper to a real HTTP
 * server standing in for the cluster. The three services run as separate processes from their jars.
 */
@ExtendWith(ServiceLogsOnFailure.class)
class ClaimToRequestIT {

    static final String DOMAIN = "dbaas.localhost";
    static final String KEY_ENCRYPTION_KEY = LocalSecrets.keyEncryptionKey();
    static final String ADMIN_TOKEN = LocalSecrets.managementToken();
    static final MessageCodec CODEC = new MessageCodec();
    static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static EmbeddedPostgres postgres;
    static EmbeddedKafkaKraftBroker kafka;
    static KubernetesMockServer kubernetes;
    static NamespacedKubernetesClient kubelet;
    static RecordingUpstream upstream;
    static ControlPlane controlPlane;
    static ControlPlane.Ports ports;
    /** The first administrator of a tenant account, opened by the platform administrator. */
    static String tenantToken;

    @BeforeAll
    static void startEverything() throws IOException {
        postgres = EmbeddedInfrastructure.postgres();
        kafka = EmbeddedInfrastructure.kafka();
        kubernetes = new KubernetesMockServer(
                new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
        kubernetes.init(InetAddress.getLoopbackAddress(), 0);
        kubelet = kubernetes.createClient();
        upstream = RecordingUpstream.start();
        ports = new ControlPlane.Ports(freePort(), freePort(), freePort(), freePort(), freePort());
        controlPlane = ControlPlane.start(new ControlPlane.Settings(
                Path.of(System.getProperty("dbaas.home", "..")),
                postgres.getJdbcUrl("postgres", "postgres"),
                "postgres",
                "",
                kafka.getBrokersAsString(),
                KEY_ENCRYPTION_KEY,
                ADMIN_TOKEN,
                DOMAIN,
                ports,
                List.of(
                        "--nebula.providers.minikube.regions.local.kubernetes.api-url=" + kubelet.getMasterUrl(),
                        "--nebula.providers.minikube.regions.local.exposure=load-balancer"),
                Path.of("target", "it-logs"),
                null));
        ServiceLogsOnFailure.watch(controlPlane);
        HttpResponse<String> opened = orion(ADMIN_TOKEN, "POST", "/v1/accounts", "{\"name\": \"journey\"}");
        assertThat(opened.statusCode()).isEqualTo(201);
        tenantToken = json(opened).get("admin").get("token").asString();
    }

    @AfterAll
    static void stopEverything() throws IOException {
        if (controlPlane != null) {
            controlPlane.close();
        }
        if (upstream != null) {
            upstream.close();
        }
        if (kubelet != null) {
            kubelet.close();
        }
        if (kubernetes != null) {
            kubernetes.destroy();
        }
        if (kafka != null) {
            kafka.destroy();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void claimBecomesARunningClusterThatAnswersThroughGateKeeperWithItsOwnCredential() {
        HttpResponse<String> claimed = orion("POST", "/v1/clusters", validClaim("journey"));
        assertThat(claimed.statusCode()).isEqualTo(202);
        JsonNode cluster = json(claimed);
        String id = cluster.get("id").asString();
        assertThat(claimed.headers().firstValue("Location")).hasValue("/v1/clusters/" + id);
        assertThat(cluster.get("state").asString()).isEqualTo("PENDING");

        String namespace = "dbaas-" + id;
        StatefulSet statefulSet = awaitStatefulSet(namespace);
        assertThat(statefulSet.getSpec().getReplicas()).isEqualTo(2);
        assertThat(statefulSet
                        .getSpec()
                        .getVolumeClaimTemplates()
                        .getFirst()
                        .getSpec()
                        .getResources()
                        .getRequests()
                        .get("storage")
                        .toString())
                .isEqualTo("2Gi");
        assertThat(awaitState(id, "PROVISIONING")).isNotNull();

        actAsKubelet(namespace);
        JsonNode running = awaitState(id, "RUNNING");
        assertThat(running.get("nodes_ready").asInt()).isEqualTo(2);
        String endpoint = running.get("endpoint").asString();
        assertThat(endpoint).isEqualTo(id + ".local.minikube." + DOMAIN);

        HttpResponse<String> issued = orion(
                "POST", "/v1/clusters/" + id + "/api-keys", "{\"name\": \"end-to-end\", \"scope\": \"read-write\"}");
        assertThat(issued.statusCode()).isEqualTo(201);
        String apiKey = json(issued).get("key").asString();

        HttpResponse<String> proxied = gatekeeper(
                endpoint,
                "/collections/vectors/points/search?timeout=5",
                Map.of("api-key", apiKey, "Authorization", "Bearer client-token", "Cookie", "session=client"),
                "{\"vector\":[0.1,0.2],\"limit\":3}");

        assertThat(proxied.statusCode()).isEqualTo(200);
        assertThat(proxied.body()).contains("\"status\":\"ok\"");
        RecordingUpstream.Received received = upstream.received().getLast();
        assertThat(received.method()).isEqualTo("POST");
        assertThat(received.uri()).isEqualTo("/collections/vectors/points/search?timeout=5");
        assertThat(received.body()).isEqualTo("{\"vector\":[0.1,0.2],\"limit\":3}");
        assertThat(received.header("api-key")).containsExactly(masterKey(namespace));
        assertThat(received.header("api-key")).doesNotContain(apiKey);
        assertThat(received.header("Authorization")).isEmpty();
        assertThat(received.header("Cookie")).isEmpty();
    }

    @Test
    void requestWithoutAValidKeyNeverReachesTheCluster() {
        String endpoint = runningCluster("keyless");
        int before = upstream.received().size();

        HttpResponse<String> noKey = gatekeeper(endpoint, "/collections", Map.of(), null);
        HttpResponse<String> wrongKey =
                gatekeeper(endpoint, "/collections", Map.of("api-key", "dbk_" + "A".repeat(65)), null);

        assertThat(noKey.statusCode()).isEqualTo(401);
        assertThat(noKey.headers().firstValue("WWW-Authenticate")).isPresent();
        assertThat(noKey.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(wrongKey.statusCode()).isEqualTo(401);
        assertThat(upstream.received()).hasSize(before);
    }

    @Test
    void orionRefusesCallsWithoutAValidManagementToken() {
        HttpResponse<String> refused = orion("not-a-token", "POST", "/v1/clusters", validClaim("anonymous"));

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("WWW-Authenticate")).isPresent();
    }

    @Test
    void unknownHostIsNotFound() {
        HttpResponse<String> response = gatekeeper(
                UUID.randomUUID() + ".local.minikube." + DOMAIN, "/collections", Map.of("api-key", "dbk_x"), null);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void invalidClaimIsRefusedAndNothingIsStoredOrPublished() throws Exception {
        long commandsBefore = commandsOnKafka();
        long outboxBefore = count("outbox_messages");

        HttpResponse<String> refused =
                orion("POST", "/v1/clusters", validClaim("invalid").replace("\"nodes\": 2", "\"nodes\": 0"));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json(refused).get("errors").findValuesAsString("field")).containsExactly("nodes");
        assertThat(count("outbox_messages")).isEqualTo(outboxBefore);
        // Give the relay several passes to publish anything it might have.
        Thread.sleep(1_000);
        assertThat(commandsOnKafka()).isEqualTo(commandsBefore);
    }

    private String runningCluster(String name) {
        String id =
                json(orion("POST", "/v1/clusters", validClaim(name))).get("id").asString();
        awaitStatefulSet("dbaas-" + id);
        actAsKubelet("dbaas-" + id);
        return awaitState(id, "RUNNING").get("endpoint").asString();
    }

    private static String validClaim(String name) {
        return """
                {"name": "%s", "engine": "qdrant", "nodes": 2, "cpu": "500m", "memory": "1Gi", "disk": "2Gi",
                 "provider": "minikube", "region": "local"}""".formatted(name);
    }

    private StatefulSet awaitStatefulSet(String namespace) {
        return await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> kubelet.apps()
                                .statefulSets()
                                .inNamespace(namespace)
                                .withName("qdrant")
                                .get(),
                        statefulSet -> statefulSet != null);
    }

    /** Reports every replica ready, and the client Service's load balancer at the upstream's address. */
    private void actAsKubelet(String namespace) {
        StatefulSet statefulSet = kubelet.apps()
                .statefulSets()
                .inNamespace(namespace)
                .withName("qdrant")
                .get();
        int replicas = statefulSet.getSpec().getReplicas();
        kubelet.apps().statefulSets().inNamespace(namespace).withName("qdrant").editStatus(current -> {
            current.setStatus(new StatefulSetStatusBuilder()
                    .withReplicas(replicas)
                    .withReadyReplicas(replicas)
                    .withAvailableReplicas(replicas)
                    .withCurrentReplicas(replicas)
                    .withUpdatedReplicas(replicas)
                    .build());
            return current;
        });
        kubelet.services().inNamespace(namespace).withName("qdrant").editStatus(current -> {
            current.setStatus(new ServiceStatusBuilder()
                    .withNewLoadBalancer()
                    .withIngress(new LoadBalancerIngressBuilder()
                            .withIp(upstream.host())
                            .build())
                    .endLoadBalancer()
                    .build());
            return current;
        });
    }

    private String masterKey(String namespace) {
        Secret secret = kubelet.secrets()
                .inNamespace(namespace)
                .withName("qdrant-master-key")
                .get();
        return new String(Base64.getDecoder().decode(secret.getData().get("api-key")), StandardCharsets.UTF_8);
    }

    private JsonNode awaitState(String id, String state) {
        return await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> json(orion("GET", "/v1/clusters/" + id, null)),
                        cluster -> state.equals(cluster.get("state").asString()));
    }

    private static HttpResponse<String> orion(String method, String path, String body) {
        return orion(tenantToken, method, path, body);
    }

    private static HttpResponse<String> orion(String token, String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.orion() + path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return send(request);
    }

    private static HttpResponse<String> gatekeeper(String host, String path, Map<String, String> headers, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + ports.gatekeeper() + path))
                .header("Host", host)
                .method(
                        body == null ? "GET" : "POST",
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(request);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        return CODEC.json().readTree(response.body());
    }

    private static long commandsOnKafka() {
        Map<String, Object> props = Map.of("bootstrap.servers", kafka.getBrokersAsString());
        try (var consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.CLUSTER_COMMANDS).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            return consumer.endOffsets(partitions).values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
        }
    }

    private static long count(String table) throws SQLException {
        try (var connection = DriverManager.getConnection(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "");
                ResultSet result = connection.createStatement().executeQuery("select count(*) from " + table)) {
            result.next();
            return result.getLong(1);
        }
    }

    /** Orion's management-token format: {@code dbm_<credential id as 32 hex digits>_<secret>}. */
    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
