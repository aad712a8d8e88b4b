package io.dbaas.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A real HTTP server standing in for a cluster's client Service: it answers every request and records what it
 * received, so tests can check what reached the cluster and what must never have.
 *
 * <p>It listens on Qdrant's client port 6333 at a random loopback address (127.x.y.z, all of which reach this machine
 * on Linux), the address the test then reports as the cluster's load balancer.
 */
final class RecordingUpstream implements AutoCloseable {

    static final int QDRANT_HTTP_PORT = 6333;

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private RecordingUpstream(HttpServer server) {
        this.server = server;
        server.createContext("/", this::handle);
        server.start();
    }

    static RecordingUpstream start() {
        IOException last = null;
        for (int attempt = 0; attempt < 10; attempt++) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            byte[] address = {
                127, (byte) random.nextInt(1, 255), (byte) random.nextInt(1, 255), (byte) random.nextInt(2, 255)
            };
            try {
                return new RecordingUpstream(HttpServer.create(
                        new InetSocketAddress(InetAddress.getByAddress(address), QDRANT_HTTP_PORT), 0));
            } catch (IOException e) {
                last = e;
            }
        }
        throw new UncheckedIOException("no free loopback address for port " + QDRANT_HTTP_PORT, last);
    }

    String host() {
        return server.getAddress().getAddress().getHostAddress();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        received.add(new Received(
                exchange.getRequestMethod(),
                exchange.getRequestURI().toString(),
                Map.copyOf(exchange.getRequestHeaders()),
                new String(body, StandardCharsets.UTF_8)));
        byte[] answer = "{\"result\":{\"collections\":[]},\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, answer.length);
        try (var out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** One request as the upstream saw it. Header names are as the JDK server normalises them (first letter upper). */
    record Received(String method, String uri, Map<String, List<String>> headers, String body) {

        List<String> header(String name) {
            return headers.entrySet().stream()
                    .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .flatMap(entry -> entry.getValue().stream())
                    .toList();
        }
    }
}
