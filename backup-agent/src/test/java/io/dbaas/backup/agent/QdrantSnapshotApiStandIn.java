package io.dbaas.backup.agent;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A stand-in for one Qdrant node's REST API, limited to what backups use, since no Qdrant server build is reachable
 * here. It follows Qdrant's published API (api.qdrant.tech, "Snapshots" and "Collections"): answers wrapped as
 * {@code {"result": …, "status": "ok", "time": …}}, refusals as {@code {"status": {"error": …}, "time": …}} with
 * Qdrant's status codes — 404 for an unknown collection or snapshot, 400 for a checksum mismatch, 500 for an internal
 * error, 401 without the node's API key. Recovering from a location stands for Qdrant downloading the snapshot: the
 * locations the test {@link #publish}es are those a download would find.
 */
final class QdrantSnapshotApiStandIn implements AutoCloseable {

    static final String VERSION = "1.16.3";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final String apiKey;
    private final int peerId;
    /** Collection name → its points, as a marker of what a snapshot holds. */
    private final Map<String, String> collections = new ConcurrentHashMap<>();
    /** Collection name → its snapshots (name → content). */
    private final Map<String, Map<String, String>> snapshots = new ConcurrentHashMap<>();
    /** Locations a recover can download: location → snapshot content. */
    private final Map<String, String> downloadable = new ConcurrentHashMap<>();

    private final Set<String> listedButGone = ConcurrentHashMap.newKeySet();
    private final Set<String> failing = ConcurrentHashMap.newKeySet();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger counter = new AtomicInteger();
    private volatile int padAnswersTo;

    private QdrantSnapshotApiStandIn(String apiKey, int peerId) throws IOException {
        this.apiKey = apiKey;
        this.peerId = peerId;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    static QdrantSnapshotApiStandIn start(String apiKey, int peerId) {
        try {
            return new QdrantSnapshotApiStandIn(apiKey, peerId);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    void collection(String name, String points) {
        collections.put(name, points);
    }

    Map<String, String> collections() {
        return Map.copyOf(collections);
    }

    Map<String, String> snapshotsOf(String collection) {
        return Map.copyOf(snapshots.getOrDefault(collection, Map.of()));
    }

    /** A collection that is listed, then deleted before its snapshot is made. */
    void deletedWhileListed(String name) {
        listedButGone.add(name);
    }

    /** A collection whose snapshot fails inside Qdrant (a full disk, an object store refusing the upload). */
    void failSnapshotsOf(String name) {
        failing.add(name);
    }

    /** A snapshot Qdrant could download from {@code location}. */
    void publish(String location, String content) {
        downloadable.put(location, content);
    }

    /** Pads every answer to this many bytes, as a misbehaving engine or proxy might send. */
    void padAnswersTo(int bytes) {
        padAnswersTo = bytes;
    }

    List<String> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            requests.add(method + " " + exchange.getRequestURI());
            if (!apiKey.equals(exchange.getRequestHeaders().getFirst("api-key"))) {
                error(exchange, 401, "Must provide an API key or an Authorization bearer token");
                return;
            }
            String[] segments = path.substring(1).split("/");
            if (method.equals("GET") && path.equals("/")) {
                ObjectNode root = JSON.createObjectNode();
                root.put("title", "qdrant - vector search engine");
                root.put("version", VERSION);
                send(exchange, 200, root);
            } else if (method.equals("GET") && path.equals("/collections")) {
                ObjectNode result = JSON.createObjectNode();
                var list = result.putArray("collections");
                collections.keySet().stream().sorted().forEach(name -> list.addObject()
                        .put("name", name));
                listedButGone.forEach(name -> list.addObject().put("name", name));
                ok(exchange, result);
            } else if (segments.length == 3 && segments[2].equals("snapshots") && method.equals("POST")) {
                createSnapshot(exchange, decode(segments[1]));
            } else if (segments.length == 4 && segments[3].equals("recover") && method.equals("PUT")) {
                recover(exchange, decode(segments[1]), JSON.readTree(exchange.getRequestBody()));
            } else if (segments.length == 4 && segments[2].equals("snapshots") && method.equals("DELETE")) {
                deleteSnapshot(exchange, decode(segments[1]), decode(segments[3]));
            } else {
                error(exchange, 404, "Not found");
            }
        }
    }

    private void createSnapshot(HttpExchange exchange, String collection) throws IOException {
        if (!collections.containsKey(collection)) {
            error(exchange, 404, "Not found: Collection `" + collection + "` doesn't exist!");
            return;
        }
        if (failing.contains(collection)) {
            error(exchange, 500, "Service internal error: failed to upload snapshot of `" + collection + "`");
            return;
        }
        String name = collection + "-" + peerId + "-2026-12-07-14-30-"
                + String.format("%02d", counter.getAndIncrement()) + ".snapshot";
        String content = collections.get(collection);
        snapshots.computeIfAbsent(collection, c -> new ConcurrentHashMap<>()).put(name, content);
        ObjectNode result = JSON.createObjectNode();
        result.put("name", name);
        result.put("creation_time", "2026-12-07T14:30:00");
        result.put("size", 1000L + content.length());
        result.put("checksum", checksum(content));
        ok(exchange, result);
    }

    private void recover(HttpExchange exchange, String collection, JsonNode request) throws IOException {
        String location = request.path("location").asString("");
        String content = downloadable.get(location);
        if (content == null) {
            error(
                    exchange,
                    500,
                    "Service internal error: Failed to download snapshot from " + location + ": status 403 Forbidden");
            return;
        }
        if (request.has("checksum") && !request.get("checksum").asString().equals(checksum(content))) {
            error(
                    exchange,
                    400,
                    "Bad request: Snapshot checksum mismatch: expected "
                            + request.get("checksum").asString() + ", got " + checksum(content));
            return;
        }
        collections.put(collection, content);
        ok(exchange, JSON.getNodeFactory().booleanNode(true));
    }

    private void deleteSnapshot(HttpExchange exchange, String collection, String name) throws IOException {
        if (!collections.containsKey(collection)) {
            error(exchange, 404, "Not found: Collection `" + collection + "` doesn't exist!");
            return;
        }
        Map<String, String> ofCollection = snapshots.getOrDefault(collection, Map.of());
        if (ofCollection.remove(name) == null) {
            error(exchange, 404, "Not found: Snapshot file `" + name + "` does not exist");
            return;
        }
        ok(exchange, JSON.getNodeFactory().booleanNode(true));
    }

    static String checksum(String content) {
        return Integer.toHexString(content.hashCode()) + "0".repeat(56);
    }

    private void ok(HttpExchange exchange, JsonNode result) throws IOException {
        ObjectNode answer = JSON.createObjectNode();
        answer.set("result", result);
        answer.put("status", "ok");
        answer.put("time", 0.002);
        send(exchange, 200, answer);
    }

    private void error(HttpExchange exchange, int status, String message) throws IOException {
        ObjectNode answer = JSON.createObjectNode();
        answer.putObject("status").put("error", message);
        answer.put("time", 0.0);
        send(exchange, status, answer);
    }

    private void send(HttpExchange exchange, int status, ObjectNode answer) throws IOException {
        if (padAnswersTo > 0) {
            answer.put("padding", "x".repeat(padAnswersTo));
        }
        byte[] body = JSON.writeValueAsBytes(answer);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    private static String decode(String segment) {
        return URLDecoder.decode(segment, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
