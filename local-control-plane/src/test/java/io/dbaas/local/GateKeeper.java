package io.dbaas.local;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** GateKeeper's public port, reached as a client reaches its cluster's endpoint: by the {@code Host} it names. */
final class GateKeeper {

    private final int port;

    GateKeeper(int port) {
        this.port = port;
    }

    HttpResponse<String> get(String host, String path, Map<String, String> headers) {
        return send(host, "GET", path, headers, null);
    }

    /**
     * Waits until GateKeeper routes a cluster that Orion already reports RUNNING (each service reads the cluster's
     * events on its own, and GateKeeper may be a moment behind) and answers its first answer other than "still
     * provisioning" to a request without a credential.
     */
    HttpResponse<String> awaitRouted(String host) {
        return await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> get(host, "/collections", Map.of()), answer -> answer.statusCode() != 503);
    }

    HttpResponse<String> send(
            String host, String method, String path, Map<String, String> headers, @Nullable String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Host", host)
                .method(method, Http.body(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        return Http.send(request);
    }
}
