package io.dbaas.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * A cluster's life after its claim, as its owner sees it through the three services' HTTP APIs: credentials issued and
 * revoked in Orion and honoured by GateKeeper, a scale carried out by Nebula and reported back, a scale-in Nebula
 * refuses, and a deletion. Each test is one journey with a cluster of its own, so none depends on another's order.
 */
@ExtendWith({SharedControlPlane.class, ServiceLogsOnFailure.class})
class ClusterLifecycleIT {

    /** Creates a collection: a write for Qdrant ({@code docs/reference/gateway.md}). */
    private static final String CREATE_COLLECTION = "{\"vectors\":{\"size\":2,\"distance\":\"Cosine\"}}";
    /** Within a second of Orion's answer to the revocation, every GateKeeper refuses the key (api.md, gateway.md). */
    private static final Duration REVOCATION_DEADLINE = Duration.ofSeconds(1);

    private final Orion orion;
    private final GateKeeper gatekeeper;
    private final KubernetesControllers kubernetes;
    private final RecordingUpstream upstream;

    ClusterLifecycleIT(ControlPlaneUnderTest controlPlane) {
        this.orion = controlPlane.orion();
        this.gatekeeper = controlPlane.gatekeeper();
        this.kubernetes = controlPlane.kubernetes();
        this.upstream = controlPlane.upstream();
    }

    @Test
    void keysAndTokensFromOrionOpenTheClusterAtGateKeeperWithinTheirScopeUntilRevoked() {
        Cluster cluster = runningCluster("credentials");
        String readOnly = Http.json(issueKey(cluster, "dashboard", "read-only"))
                .get("key")
                .asString();
        JsonNode readWrite = Http.json(issueKey(cluster, "ingest", "read-write"));
        String readWriteKey = readWrite.get("key").asString();

        int before = upstream.received().size();
        HttpResponse<String> refusedWrite =
                gatekeeper.send(cluster.endpoint(), "PUT", "/collections/x", apiKey(readOnly), CREATE_COLLECTION);
        assertThat(refusedWrite.statusCode()).isEqualTo(403);
        assertThat(Http.problemType(refusedWrite)).isEqualTo("urn:dbaas:problem:read-only-credential");
        assertThat(upstream.received()).hasSize(before);

        assertThat(gatekeeper
                        .get(cluster.endpoint(), "/collections", apiKey(readOnly))
                        .statusCode())
                .isEqualTo(200);
        assertReceived("GET", "/collections", cluster);
        assertThat(gatekeeper
                        .send(cluster.endpoint(), "PUT", "/collections/x", apiKey(readWriteKey), CREATE_COLLECTION)
                        .statusCode())
                .isEqualTo(200);
        assertThat(assertReceived("PUT", "/collections/x", cluster).body()).isEqualTo(CREATE_COLLECTION);

        String token = issueToken(cluster, "read-write");
        HttpResponse<String> withToken = gatekeeper.send(
                cluster.endpoint(), "PUT", "/collections/y", Map.of("Authorization", "Bearer " + token), "{}");
        assertThat(withToken.statusCode()).isEqualTo(200);
        RecordingUpstream.Received sentWithToken = assertReceived("PUT", "/collections/y", cluster);
        assertThat(sentWithToken.header("Authorization")).isEmpty();
        int beforeReadOnlyToken = upstream.received().size();
        HttpResponse<String> readOnlyTokenWrite = gatekeeper.send(
                cluster.endpoint(),
                "PUT",
                "/collections/z",
                Map.of("Authorization", "Bearer " + issueToken(cluster, "read-only")),
                "{}");
        assertThat(readOnlyTokenWrite.statusCode()).isEqualTo(403);
        assertThat(Http.problemType(readOnlyTokenWrite)).isEqualTo("urn:dbaas:problem:read-only-credential");
        assertThat(upstream.received()).hasSize(beforeReadOnlyToken);

        HttpResponse<String> revoked = orion.delete("/v1/clusters/" + cluster.id() + "/api-keys/"
                + readWrite.get("id").asString());
        assertThat(revoked.statusCode()).isEqualTo(204);
        HttpResponse<String> refused = await().atMost(REVOCATION_DEADLINE)
                .pollInterval(Duration.ofMillis(25))
                .until(
                        () -> gatekeeper.get(cluster.endpoint(), "/collections", apiKey(readWriteKey)),
                        answer -> answer.statusCode() != 200);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(Http.problemType(refused)).isEqualTo("urn:dbaas:problem:unauthenticated");
        assertThat(refused.headers().firstValue("WWW-Authenticate")).isPresent();
        assertThat(gatekeeper
                        .get(cluster.endpoint(), "/collections", apiKey(readOnly))
                        .statusCode())
                .isEqualTo(200);
        assertThat(Http.json(orion.get("/v1/clusters/" + cluster.id() + "/api-keys/"
                                + readWrite.get("id").asString()))
                        .get("state")
                        .asString())
                .isEqualTo("revoked");
    }

    @Test
    void aScaleOutEndsRunningAtTheNewSizeAndAScaleInIsRefusedWithNebulasReasonLeavingTheClusterAsItWas() {
        Cluster cluster = runningCluster("scaling");
        String apiKey =
                Http.json(issueKey(cluster, "app", "read-write")).get("key").asString();

        HttpResponse<String> scaleOut = orion.patch("/v1/clusters/" + cluster.id(), "{\"nodes\": 3}");
        assertThat(scaleOut.statusCode()).isEqualTo(202);
        JsonNode operation = Http.json(scaleOut);
        String operationId = operation.get("id").asString();
        assertThat(scaleOut.headers().firstValue("Location")).hasValue("/v1/operations/" + operationId);
        assertThat(operation.get("kind").asString()).isEqualTo("scale");
        assertThat(operation.get("state").asString()).isEqualTo("pending");
        assertThat(operation.get("requested").get("nodes").asInt()).isEqualTo(3);
        JsonNode updating = orion.cluster(cluster.id());
        assertThat(updating.get("state").asString()).isEqualTo("UPDATING");
        assertThat(updating.get("nodes").asInt()).isEqualTo(2);
        assertThat(updating.get("operation").get("id").asString()).isEqualTo(operationId);

        kubernetes.awaitStatefulSet(
                cluster.namespace(), statefulSet -> statefulSet.getSpec().getReplicas() == 3);
        // Nebula waits for the pods of the new shape: until the kubelet has run them, nothing is done.
        assertThat(orion.operation(operationId).get("state").asString()).isEqualTo("pending");
        assertThat(gatekeeper
                        .get(cluster.endpoint(), "/collections", apiKey(apiKey))
                        .statusCode())
                .as("a cluster being changed keeps serving")
                .isEqualTo(200);
        kubernetes.runAllReady(cluster.namespace());

        JsonNode succeeded = orion.awaitOperationState(operationId, "succeeded");
        assertThat(succeeded.get("finished_at").isNull()).isFalse();
        JsonNode scaled = orion.cluster(cluster.id());
        assertThat(scaled.get("state").asString()).isEqualTo("RUNNING");
        assertThat(scaled.get("nodes").asInt()).isEqualTo(3);
        assertThat(scaled.get("nodes_ready").asInt()).isEqualTo(3);
        assertThat(scaled.get("operation").isNull()).isTrue();
        assertThat(gatekeeper
                        .get(cluster.endpoint(), "/collections", apiKey(apiKey))
                        .statusCode())
                .isEqualTo(200);

        StatefulSet beforeScaleIn = kubernetes.statefulSet(cluster.namespace());
        HttpResponse<String> scaleIn = orion.patch("/v1/clusters/" + cluster.id(), "{\"nodes\": 1}");
        assertThat(scaleIn.statusCode()).isEqualTo(202);
        String scaleInId = Http.json(scaleIn).get("id").asString();

        JsonNode failed = orion.awaitOperationState(scaleInId, "failed");
        String reason = failed.get("error").asString();
        assertThat(reason).startsWith("The cluster has 3 nodes and keeps them").contains("create a cluster of 1 nodes");
        JsonNode unchanged = orion.awaitState(cluster.id(), "RUNNING");
        assertThat(unchanged.get("reason").asString()).contains(reason);
        assertThat(unchanged.get("nodes").asInt()).isEqualTo(3);
        assertThat(unchanged.get("nodes_ready").asInt()).isEqualTo(3);
        StatefulSet afterScaleIn = kubernetes.statefulSet(cluster.namespace());
        assertThat(afterScaleIn.getSpec()).isEqualTo(beforeScaleIn.getSpec());
        assertThat(afterScaleIn.getMetadata().getAnnotations().get("dbaas.io/command-id"))
                .isEqualTo(beforeScaleIn.getMetadata().getAnnotations().get("dbaas.io/command-id"))
                .isEqualTo(operationId);
        // The namespace keeps the size to restore on a resync: 3, not the refused 1.
        assertThat(kubernetes.namespace(cluster.namespace()).getMetadata().getAnnotations())
                .containsEntry("dbaas.io/nodes", "3");
        assertThat(gatekeeper
                        .get(cluster.endpoint(), "/collections", apiKey(apiKey))
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void aDeletedClusterStopsServingAtOnceIsRemovedFromKubernetesAndIsThenUnknownToGateKeeper() {
        Cluster cluster = runningCluster("deleting");
        String apiKey =
                Http.json(issueKey(cluster, "app", "read-write")).get("key").asString();
        kubernetes.holdNamespaceDeletion(cluster.namespace());

        HttpResponse<String> deletion = orion.delete("/v1/clusters/" + cluster.id());
        assertThat(deletion.statusCode()).isEqualTo(202);
        JsonNode operation = Http.json(deletion);
        String operationId = operation.get("id").asString();
        assertThat(deletion.headers().firstValue("Location")).hasValue("/v1/operations/" + operationId);
        assertThat(operation.get("kind").asString()).isEqualTo("delete");
        assertThat(orion.cluster(cluster.id()).get("state").asString()).isEqualTo("DELETING");

        // Nebula has removed what is in the namespace and waits for the namespace controller.
        await().atMost(Duration.ofSeconds(30)).until(() -> kubernetes.isTerminating(cluster.namespace()));
        assertThat(kubernetes.statefulSet(cluster.namespace())).isNull();
        HttpResponse<String> deleting = await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> gatekeeper.get(cluster.endpoint(), "/collections", apiKey(apiKey)),
                        answer -> answer.statusCode() != 200);
        assertThat(deleting.statusCode()).isEqualTo(503);
        assertThat(Http.problemType(deleting)).isEqualTo("urn:dbaas:problem:cluster-deleting");
        assertThat(deleting.headers().firstValue("Retry-After")).hasValue("300");
        orion.awaitOperationState(operationId, "running");
        assertThat(orion.cluster(cluster.id()).get("state").asString()).isEqualTo("DELETING");

        kubernetes.finishNamespaceDeletion(cluster.namespace());

        JsonNode deleted = orion.awaitState(cluster.id(), "DELETED");
        assertThat(deleted.get("operation").isNull()).isTrue();
        assertThat(orion.operation(operationId).get("state").asString()).isEqualTo("succeeded");
        assertThat(kubernetes.namespace(cluster.namespace())).isNull();
        HttpResponse<String> gone = await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> gatekeeper.get(cluster.endpoint(), "/collections", apiKey(apiKey)),
                        answer -> answer.statusCode() != 503);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(Http.problemType(gone)).isEqualTo("urn:dbaas:problem:unknown-cluster");
    }

    /** A cluster as its owner knows it, the namespace Nebula made for it and the credential GateKeeper adds. */
    private record Cluster(String id, String endpoint, String namespace, String masterKey) {}

    private Cluster runningCluster(String name) {
        HttpResponse<String> claimed = orion.post("/v1/clusters", ClaimToRequestIT.validClaim(name));
        assertThat(claimed.statusCode()).isEqualTo(202);
        String id = Http.json(claimed).get("id").asString();
        String namespace = KubernetesControllers.namespaceOf(id);
        kubernetes.runAllReady(namespace);
        String endpoint = orion.awaitState(id, "RUNNING").get("endpoint").asString();
        assertThat(gatekeeper.awaitRouted(endpoint).statusCode()).isEqualTo(401);
        return new Cluster(id, endpoint, namespace, kubernetes.masterKey(namespace));
    }

    private HttpResponse<String> issueKey(Cluster cluster, String name, String scope) {
        HttpResponse<String> issued = orion.post(
                "/v1/clusters/" + cluster.id() + "/api-keys",
                "{\"name\": \"%s\", \"scope\": \"%s\"}".formatted(name, scope));
        assertThat(issued.statusCode()).isEqualTo(201);
        return issued;
    }

    private String issueToken(Cluster cluster, String scope) {
        HttpResponse<String> issued = orion.post(
                "/v1/clusters/" + cluster.id() + "/tokens",
                "{\"scope\": \"%s\", \"expires_in_seconds\": 300}".formatted(scope));
        assertThat(issued.statusCode()).isEqualTo(201);
        JsonNode token = Http.json(issued);
        assertThat(token.get("token_type").asString()).isEqualTo("Bearer");
        return token.get("token").asString();
    }

    /** The last request the cluster received was this one, with the cluster's own credential and only that. */
    private RecordingUpstream.Received assertReceived(String method, String uri, Cluster cluster) {
        RecordingUpstream.Received received = upstream.received().getLast();
        assertThat(received.method()).isEqualTo(method);
        assertThat(received.uri()).isEqualTo(uri);
        assertThat(received.header("api-key")).containsExactly(cluster.masterKey());
        return received;
    }

    private static Map<String, String> apiKey(String key) {
        return Map.of("api-key", key);
    }
}
