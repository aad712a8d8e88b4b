package io.dbaas.gatekeeper.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.dbaas.contracts.event.ServiceAddress;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * A real HTTP server standing in for a cluster's client Service: it answers every request with 200 and its own name,
 * and records what it received, exactly as it arrived on the wire.
 */
public final class RecordingUpstream implements AutoCloseable {

    private final String name;
    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Duration delay;

    private final String scheme;

    private RecordingUpstream(String name, Duration delay, @Nullable SSLContext tls) {
        this.name = name;
        this.delay = delay;
        this.scheme = tls == null ? "http" : "https";
        try {
            InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
            if (tls == null) {
                server = HttpServer.create(loopback, 0);
            } else {
                HttpsServer https = HttpsServer.create(loopback, 0);
                https.setHttpsConfigurator(new HttpsConfigurator(tls));
                server = https;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::answer);
        // A thread per request: a slow answer to one request must not hold up the next.
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    public static RecordingUpstream start(String name) {
        return new RecordingUpstream(name, Duration.ZERO, null);
    }

    /** An upstream speaking HTTPS only, with the server certificate of {@code tls}, on 127.0.0.1. */
    public static RecordingUpstream https(String name, SSLContext tls) {
        return new RecordingUpstream(name, Duration.ZERO, tls);
    }

    /** An upstream that records each request at once but waits {@code delay} before it answers. */
    public static RecordingUpstream slow(String name, Duration delay) {
        return new RecordingUpstream(name, delay, null);
    }

    /** The address a {@code ClusterProvisioned} event announces for this upstream. */
    public ServiceAddress address() {
        return new ServiceAddress(scheme, "127.0.0.1", server.getAddress().getPort());
    }

    public String name() {
        return name;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public void forget() {
        received.clear();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange;
                InputStream body = exchange.getRequestBody()) {
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((header, values) -> headers.put(header, List.copyOf(values)));
            received.add(new Received(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(),
                    headers,
                    new String(body.readAllBytes(), StandardCharsets.UTF_8)));
            pause();
            String query = exchange.getRequestURI().getRawQuery();
            byte[] answer = answerTo(query);
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            if (query != null && query.contains("break-off")) {
                breakOff(exchange, answer);
                return;
            }
            // Zero: a body of unknown length, sent in chunks.
            exchange.sendResponseHeaders(200, query != null && query.contains("chunked") ? 0 : answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        }
    }

    /**
     * "answered by <name>"; or, for a query with {@code answer-bytes=<n>}, n bytes counting up through the letters, so
     * that a lost or reordered piece shows.
     */
    private byte[] answerTo(@Nullable String query) {
        String parameter = "answer-bytes=";
        if (query == null || !query.contains(parameter)) {
            return ("answered by " + name).getBytes(StandardCharsets.UTF_8);
        }
        int start = query.indexOf(parameter) + parameter.length();
        int end = query.indexOf('&', start);
        int size = Integer.parseInt(end < 0 ? query.substring(start) : query.substring(start, end));
        byte[] answer = new byte[size];
        for (int i = 0; i < size; i++) {
            answer[i] = (byte) ('a' + i % 26);
        }
        return answer;
    }

    /** Announces the whole answer with headers of its own, sends half of it, and drops the connection. */
    private static void breakOff(HttpExchange exchange, byte[] answer) throws IOException {
        exchange.getResponseHeaders().set("Set-Cookie", "from-cluster=1");
        exchange.getResponseHeaders().set("ETag", "\"from-cluster\"");
        exchange.sendResponseHeaders(200, answer.length);
        OutputStream out = exchange.getResponseBody();
        out.write(answer, 0, answer.length / 2);
        out.flush();
        // Ending the exchange short of the announced length makes the server drop the connection.
        throw new IOException("the cluster broke off its answer");
    }

    private void pause() {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** One request as the upstream saw it. */
    public record Received(
            String method, String rawPath, @Nullable String rawQuery, Map<String, List<String>> headers, String body) {

        public List<String> header(String name) {
            return headers.getOrDefault(name, List.of());
        }
    }
}
