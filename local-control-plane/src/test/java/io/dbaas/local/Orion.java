package io.dbaas.local;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Orion's REST API, called with one management token. */
final class Orion {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final int port;
    private final String token;

    Orion(int port, String token) {
        this.port = port;
        this.token = token;
    }

    HttpResponse<String> get(String path) {
        return send("GET", path, null);
    }

    HttpResponse<String> post(String path, String body) {
        return send("POST", path, body);
    }

    /** A POST in the client's trace: W3C {@code traceparent} header. */
    HttpResponse<String> post(String path, String body, String traceparent) {
        return Http.send(request("POST", path, body)
                .header("Content-Type", "application/json")
                .header("traceparent", traceparent));
    }

    /** A JSON merge patch, as the API reference describes {@code PATCH /v1/clusters/{id}}. */
    HttpResponse<String> patch(String path, String body) {
        return Http.send(request("PATCH", path, body).header("Content-Type", "application/merge-patch+json"));
    }

    HttpResponse<String> put(String path, String body) {
        return send("PUT", path, body);
    }

    HttpResponse<String> delete(String path) {
        return send("DELETE", path, null);
    }

    JsonNode cluster(String id) {
        return Http.json(get("/v1/clusters/" + id));
    }

    JsonNode operation(String id) {
        return Http.json(get("/v1/operations/" + id));
    }

    JsonNode awaitCluster(String id, Predicate<JsonNode> condition) {
        return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> cluster(id), condition);
    }

    JsonNode awaitState(String id, String state) {
        return awaitCluster(id, cluster -> state.equals(cluster.get("state").asString()));
    }

    JsonNode awaitOperationState(String id, String state) {
        return await().atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> operation(id),
                        operation -> state.equals(operation.get("state").asString()));
    }

    private HttpResponse<String> send(String method, String path, @Nullable String body) {
        return Http.send(request(method, path, body).header("Content-Type", "application/json"));
    }

    private HttpRequest.Builder request(String method, String path, @Nullable String body) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token)
                .method(method, Http.body(body));
    }
}
