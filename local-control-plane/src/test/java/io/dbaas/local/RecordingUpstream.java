package io.dbaas.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;

/**
 * A stand-in for the client port of Qdrant clusters (no Qdrant server runs here): real HTTPS servers that answer every
 * request as Qdrant's API answers a listing, and record what they received, so tests can check what reached a cluster
 * and what must never have.
 *
 * <p>Each cluster gets a listener of its own on Qdrant's client port 6333 at a random loopback address (127.x.y.z, all
 * of which reach this machine on Linux), the address the test then reports as that cluster's load balancer; GateKeeper
 * connects to an IP address, which carries no server name, so one listener could not tell whose certificate to
 * present. A listener presents the certificate Nebula issued to the cluster, read from its Secret at every handshake,
 * as a Qdrant node reads its certificate files again every {@code tls.cert_ttl} seconds.
 */
final class RecordingUpstream implements AutoCloseable {

    static final int QDRANT_HTTP_PORT = 6333;

    private final Map<String, HttpsServer> listeners = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private RecordingUpstream() {}

    static RecordingUpstream start() {
        return new RecordingUpstream();
    }

    /**
     * The address of {@code cluster}'s listener, started on first use, presenting the certificate {@code certificate}
     * supplies at each handshake.
     */
    String serve(String cluster, Supplier<ServerCertificate> certificate) {
        return listeners
                .computeIfAbsent(cluster, name -> listen(certificate))
                .getAddress()
                .getAddress()
                .getHostAddress();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    private HttpsServer listen(Supplier<ServerCertificate> certificate) {
        SSLContext tls;
        try {
            tls = SSLContext.getInstance("TLS");
            tls.init(new KeyManager[] {new CurrentCertificateKeyManager(certificate)}, null, null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        IOException last = null;
        for (int attempt = 0; attempt < 10; attempt++) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            byte[] address = {
                127, (byte) random.nextInt(1, 255), (byte) random.nextInt(1, 255), (byte) random.nextInt(2, 255)
            };
            try {
                HttpsServer server = HttpsServer.create(
                        new InetSocketAddress(InetAddress.getByAddress(address), QDRANT_HTTP_PORT), 0);
                server.setHttpsConfigurator(new HttpsConfigurator(tls));
                server.createContext("/", this::handle);
                server.start();
                return server;
            } catch (IOException e) {
                last = e;
            }
        }
        throw new UncheckedIOException("no free loopback address for port " + QDRANT_HTTP_PORT, last);
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
        listeners.values().forEach(server -> server.stop(0));
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
