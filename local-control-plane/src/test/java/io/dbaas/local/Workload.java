package io.dbaas.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import tools.jackson.databind.JsonNode;

/**
 * A customer's application without a pause: one writer indexing numbered documents and one reader searching, each
 * request through GateKeeper with a read-write key, into an index created with Elasticsearch's defaults (one shard,
 * one replica). It counts requests and failures (any answer but 2xx, a search with a failed shard, or no answer), the
 * longest time without a successful request of each kind, and which writes were acknowledged.
 */
final class Workload implements AutoCloseable {

    private final GateKeeper gatekeeper;
    private final String endpoint;
    private final Map<String, String> key;
    private final String index;
    private final Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
    private final Tally writes = new Tally();
    private final Tally searches = new Tally();
    private final Thread writer;
    private final Thread reader;
    private volatile boolean running = true;

    private Workload(GateKeeper gatekeeper, String endpoint, Map<String, String> key, String index) {
        this.gatekeeper = gatekeeper;
        this.endpoint = endpoint;
        this.key = key;
        this.index = index;
        this.writer = Thread.ofVirtual().name("workload-writer").unstarted(this::write);
        this.reader = Thread.ofVirtual().name("workload-reader").unstarted(this::search);
    }

    static Workload start(GateKeeper gatekeeper, RealElasticsearchCluster cluster, String index) {
        // Once every copy of its shard is started, as an index is in use before anything happens to its nodes.
        HttpResponse<String> created = gatekeeper.send(
                cluster.endpoint(), "PUT", "/" + index + "?wait_for_active_shards=all", cluster.readWrite(), null);
        if (created.statusCode() != 200) {
            throw new AssertionError("index " + index + " not created: " + created.body());
        }
        Workload workload = new Workload(gatekeeper, cluster.endpoint(), cluster.readWrite(), index);
        workload.writer.start();
        workload.reader.start();
        return workload;
    }

    private void write() {
        for (int id = 1; running; id++) {
            int document = id;
            writes.call(() -> {
                HttpResponse<String> answer = gatekeeper.send(
                        endpoint, "PUT", "/" + index + "/_doc/" + document, key, "{\"n\": " + document + "}");
                if (answer.statusCode() / 100 == 2) {
                    acknowledged.add(document);
                    return null;
                }
                return answer.statusCode() + " " + answer.body();
            });
        }
    }

    private void search() {
        while (running) {
            searches.call(() -> {
                HttpResponse<String> answer = gatekeeper.get(endpoint, "/" + index + "/_search?size=0", key);
                if (answer.statusCode() != 200) {
                    return answer.statusCode() + " " + answer.body();
                }
                JsonNode shards = Http.json(answer).get("_shards");
                return shards.get("failed").asInt() == 0 ? null : "failed shards: " + shards;
            });
        }
    }

    Tally writes() {
        return writes;
    }

    Tally searches() {
        return searches;
    }

    /** The acknowledged writes the index does not hold (after a refresh): lost ones. */
    Set<Integer> lostWrites() {
        gatekeeper.send(endpoint, "POST", "/" + index + "/_refresh", key, null);
        HttpResponse<String> all =
                gatekeeper.get(endpoint, "/" + index + "/_search?size=10000&_source=false&track_total_hits=true", key);
        Set<Integer> held = new HashSet<>();
        Http.json(all)
                .at("/hits/hits")
                .forEach(hit -> held.add(Integer.parseInt(hit.get("_id").asString())));
        Set<Integer> lost = new HashSet<>(acknowledged);
        lost.removeAll(held);
        return lost;
    }

    int acknowledgedWrites() {
        return acknowledged.size();
    }

    /** Stops the writer and the reader, each after its request in flight. */
    @Override
    public void close() {
        running = false;
        try {
            writer.join();
            reader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes one line of figures for the documentation, beside the test's other output. */
    static void record(String line) {
        System.out.println(line);
        try {
            Path figures = Path.of("target", "availability-figures.txt");
            Files.writeString(
                    figures, line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Requests of one kind: how many, how many failed (and the last failure), and the longest pause. */
    static final class Tally {

        private final AtomicInteger requests = new AtomicInteger();
        private final AtomicInteger failures = new AtomicInteger();
        private final AtomicReference<String> lastFailure = new AtomicReference<>("none");
        private final AtomicLong lastSuccess = new AtomicLong(System.nanoTime());
        private final AtomicLong longestPause = new AtomicLong();

        /** Runs one request: {@code call} returns null on success, what went wrong otherwise. */
        void call(java.util.function.Supplier<String> call) {
            requests.incrementAndGet();
            String failure;
            try {
                failure = call.get();
            } catch (RuntimeException e) {
                failure = e.toString();
            }
            long now = System.nanoTime();
            if (failure == null) {
                long pause = now - lastSuccess.getAndSet(now);
                longestPause.accumulateAndGet(pause, Math::max);
            } else {
                failures.incrementAndGet();
                lastFailure.set(failure.length() > 300 ? failure.substring(0, 300) : failure);
            }
        }

        int requests() {
            return requests.get();
        }

        int failures() {
            return failures.get();
        }

        String lastFailure() {
            return lastFailure.get();
        }

        Duration longestPause() {
            return Duration.ofNanos(longestPause.get());
        }

        @Override
        public String toString() {
            return requests() + " requests, " + failures() + " failed, longest pause "
                    + longestPause().toMillis() + " ms";
        }
    }
}
