package io.dbaas.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dbaas.contracts.Topics;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.net.http.HttpResponse;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * The whole path, every hop real: a claim to Orion over HTTP, the command through the outbox and a real Kafka broker
 * to Nebula, Nebula's objects in a Kubernetes API server (fabric8's mock in CRUD mode; the test plays the kubelet and
 * the load-balancer controller), status back to Orion through Kafka, and a request through GateKeeper to a real HTTP
 * server standing in for the cluster. The three services run as separate processes from their jars, shared with the
 * other IT classes ({@link SharedControlPlane}).
 */
@ExtendWith({SharedControlPlane.class, ServiceLogsOnFailure.class})
class ClaimToRequestIT {

    private final ControlPlaneUnderTest controlPlane;
    private final Orion orion;
    private final GateKeeper gatekeeper;
    private final KubernetesControllers kubernetes;
    private final RecordingUpstream upstream;

    ClaimToRequestIT(ControlPlaneUnderTest controlPlane) {
        this.controlPlane = controlPlane;
        this.orion = controlPlane.orion();
        this.gatekeeper = controlPlane.gatekeeper();
        this.kubernetes = controlPlane.kubernetes();
        this.upstream = controlPlane.upstream();
    }

    @Test
    void claimBecomesARunningClusterThatAnswersThroughGateKeeperWithItsOwnCredential() {
        HttpResponse<String> claimed = orion.post("/v1/clusters", validClaim("journey"));
        assertThat(claimed.statusCode()).isEqualTo(202);
        JsonNode cluster = Http.json(claimed);
        String id = cluster.get("id").asString();
        assertThat(claimed.headers().firstValue("Location")).hasValue("/v1/clusters/" + id);
        assertThat(cluster.get("state").asString()).isEqualTo("PENDING");

        String namespace = KubernetesControllers.namespaceOf(id);
        StatefulSet statefulSet = kubernetes.awaitStatefulSet(namespace);
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
        assertThat(orion.awaitState(id, "PROVISIONING")).isNotNull();
        String endpoint = id + ".local.minikube." + ControlPlaneUnderTest.DOMAIN;
        HttpResponse<String> notYet = await().atMost(Duration.ofSeconds(30))
                .until(() -> gatekeeper.get(endpoint, "/collections", Map.of()), answer -> answer.statusCode() == 503);
        assertThat(Http.problemType(notYet)).isEqualTo("urn:dbaas:problem:cluster-provisioning");
        assertThat(notYet.headers().firstValue("Retry-After")).hasValue("30");

        kubernetes.runAllReady(namespace);
        JsonNode running = orion.awaitState(id, "RUNNING");
        assertThat(running.get("nodes_ready").asInt()).isEqualTo(2);
        assertThat(running.get("endpoint").asString()).isEqualTo(endpoint);

        HttpResponse<String> issued =
                orion.post("/v1/clusters/" + id + "/api-keys", "{\"name\": \"end-to-end\", \"scope\": \"read-write\"}");
        assertThat(issued.statusCode()).isEqualTo(201);
        String apiKey = Http.json(issued).get("key").asString();
        assertThat(gatekeeper.awaitRouted(endpoint).statusCode()).isEqualTo(401);

        HttpResponse<String> proxied = gatekeeper.send(
                endpoint,
                "POST",
                "/collections/vectors/points/search?timeout=5",
                Map.of("api-key", apiKey, "Authorization", "Bearer client-token", "Cookie", "session=client"),
                "{\"vector\":[0.1,0.2],\"limit\":3}");

        assertThat(proxied.statusCode()).isEqualTo(200);
        assertThat(proxied.body()).contains("\"status\":\"ok\"");
        RecordingUpstream.Received received = upstream.received().getLast();
        assertThat(received.method()).isEqualTo("POST");
        assertThat(received.uri()).isEqualTo("/collections/vectors/points/search?timeout=5");
        assertThat(received.body()).isEqualTo("{\"vector\":[0.1,0.2],\"limit\":3}");
        assertThat(received.header("api-key")).containsExactly(kubernetes.masterKey(namespace));
        assertThat(received.header("api-key")).doesNotContain(apiKey);
        assertThat(received.header("Authorization")).isEmpty();
        assertThat(received.header("Cookie")).isEmpty();
    }

    @Test
    void requestWithoutAValidKeyNeverReachesTheCluster() {
        String endpoint = runningCluster("keyless");
        int before = upstream.received().size();

        HttpResponse<String> noKey = gatekeeper.awaitRouted(endpoint);
        HttpResponse<String> wrongKey =
                gatekeeper.get(endpoint, "/collections", Map.of("api-key", "dbk_" + "A".repeat(65)));

        assertThat(noKey.statusCode()).isEqualTo(401);
        assertThat(noKey.headers().firstValue("WWW-Authenticate")).isPresent();
        assertThat(Http.problemType(noKey)).isEqualTo("urn:dbaas:problem:unauthenticated");
        assertThat(wrongKey.statusCode()).isEqualTo(401);
        assertThat(upstream.received()).hasSize(before);
    }

    @Test
    void orionRefusesCallsWithoutAValidManagementToken() {
        HttpResponse<String> refused =
                controlPlane.orionAs("not-a-token").post("/v1/clusters", validClaim("anonymous"));

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("WWW-Authenticate")).isPresent();
    }

    @Test
    void unknownHostIsNotFound() {
        HttpResponse<String> response = gatekeeper.get(
                UUID.randomUUID() + ".local.minikube." + ControlPlaneUnderTest.DOMAIN,
                "/collections",
                Map.of("api-key", "dbk_x"));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(Http.problemType(response)).isEqualTo("urn:dbaas:problem:unknown-cluster");
    }

    @Test
    void invalidClaimIsRefusedAndNothingIsStoredOrPublished() throws Exception {
        long commandsBefore = commandsOnKafka();
        long outboxBefore = count("outbox_messages");

        HttpResponse<String> refused =
                orion.post("/v1/clusters", validClaim("invalid").replace("\"nodes\": 2", "\"nodes\": 0"));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(Http.problemType(refused)).isEqualTo("urn:dbaas:problem:invalid-claim");
        assertThat(Http.json(refused).get("errors").findValuesAsString("field")).containsExactly("nodes");
        assertThat(count("outbox_messages")).isEqualTo(outboxBefore);
        // Give the relay several passes to publish anything it might have.
        Thread.sleep(1_000);
        assertThat(commandsOnKafka()).isEqualTo(commandsBefore);
    }

    private String runningCluster(String name) {
        String id = Http.json(orion.post("/v1/clusters", validClaim(name)))
                .get("id")
                .asString();
        kubernetes.runAllReady(KubernetesControllers.namespaceOf(id));
        return orion.awaitState(id, "RUNNING").get("endpoint").asString();
    }

    static String validClaim(String name) {
        return """
                {"name": "%s", "engine": "qdrant", "nodes": 2, "cpu": "500m", "memory": "1Gi", "disk": "2Gi",
                 "provider": "minikube", "region": "local"}""".formatted(name);
    }

    private long commandsOnKafka() {
        Map<String, Object> props = controlPlane.kafkaAdminSettings();
        try (var consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.CLUSTER_COMMANDS).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            return consumer.endOffsets(partitions).values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
        }
    }

    private long count(String table) throws SQLException {
        try (var connection = DriverManager.getConnection(controlPlane.jdbcUrl(), "postgres", "");
                ResultSet result = connection.createStatement().executeQuery("select count(*) from " + table)) {
            result.next();
            return result.getLong(1);
        }
    }
}
