package io.dbaas.local;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The harness of {@code bench/provisioning.sh}: claim to Kubernetes objects (one at a time, many at once, and one at a
 * time again once Nebula watches more clusters), RUNNING to routed at GateKeeper, and revocation to refusal, beside
 * their floors measured in the same run (the same objects written straight into the same mock API server, and a Kafka
 * round trip on the same broker). Writes one file of milliseconds per figure into the directory it is given, for the
 * script to take percentiles of, and hands over to the script at the two moments it samples resident memory.
 */
final class ProvisioningBench {

    private static final long PATIENCE_MILLIS = 120_000;

    private final ProvisioningBenchFixture fixture;
    private final Path out;
    private final long pollMillis;
    private final AtomicInteger clusters = new AtomicInteger();
    private final List<String> running = Collections.synchronizedList(new ArrayList<>());
    private Set<String> expected = Set.of();
    private List<String> templates = List.of();

    private ProvisioningBench(ProvisioningBenchFixture fixture, Path out, long pollMillis) {
        this.fixture = fixture;
        this.out = out;
        this.pollMillis = pollMillis;
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        Path home = Path.of(args[1]);
        int singles = setting("BENCH_SINGLE_CLAIMS", 30);
        int burst = setting("BENCH_BURST_CLAIMS", 100);
        int revocations = setting("BENCH_REVOCATIONS", 30);
        int roundTrips = setting("BENCH_ROUND_TRIPS", 30);
        int fillConcurrency = setting("BENCH_FILL_CONCURRENCY", 8);
        List<Integer> populations = Stream.of(System.getenv()
                        .getOrDefault("BENCH_POPULATIONS", "100 1000")
                        .trim()
                        .split("\\s+"))
                .filter(text -> !text.isEmpty())
                .map(Integer::parseInt)
                .toList();
        try (var fixture = ProvisioningBenchFixture.start(home, out.resolve("logs"))) {
            // The script stops the harness with a signal when it is interrupted: the services go with it.
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(fixture::close));
            var bench = new ProvisioningBench(fixture, out, setting("BENCH_POLL_MS", 2));
            bench.handOver("idle");
            String keyCluster = bench.warmUp();
            bench.write("reference-kafka", KafkaRoundTrips.measure(fixture.kafka, roundTrips));
            bench.singles("0", singles);
            bench.burst(burst);
            for (int population : populations) {
                bench.fillTo(population, fillConcurrency);
                bench.singles(String.valueOf(population), singles);
            }
            bench.revocations(keyCluster, revocations);
            bench.handOver("loaded");
        }
        System.exit(0);
    }

    private static int setting(String name, int fallback) {
        return Integer.parseInt(System.getenv().getOrDefault(name, String.valueOf(fallback)));
    }

    /**
     * One cluster claimed and run before anything is measured: it warms the services up, and the objects Nebula
     * wrote for it are the set every later claim is timed to (and the floor writes again).
     */
    private String warmUp() throws Exception {
        String id = claim("warm-up");
        String namespace = KubernetesControllers.namespaceOf(id);
        fixture.writes.lastWritten(
                namespace, Set.of("StatefulSet/" + KubernetesControllers.STATEFUL_SET), PATIENCE_MILLIS);
        routed(id);
        Thread.sleep(2_000);
        expected = fixture.writes.objects(namespace);
        templates = templates(namespace);
        Files.write(out.resolve("objects.txt"), expected.stream().sorted().toList());
        log("Nebula wrote " + expected.size() + " objects for a Qdrant cluster: " + expected);
        return id;
    }

    /** {@code count} claims one after the other, each timed to its objects and from RUNNING to routed. */
    private void singles(String label, int count) throws Exception {
        int population = clusters.get();
        log("single claims, one at a time, with " + population + " clusters watched");
        var objects = new ArrayList<Double>();
        var routing = new ArrayList<Double>();
        var floor = new ArrayList<Double>();
        for (int i = 0; i < count; i++) {
            Provisioned provisioned = provision("single-" + label + "-" + i);
            objects.add(provisioned.objectsMillis());
            routing.add(provisioned.routingMillis());
            floor.add(writeStraight("floor-" + label + "-" + i));
        }
        write("claim-single-" + label, objects);
        write("routing-single-" + label, routing);
        write("reference-objects-" + label, floor);
        Files.writeString(out.resolve("population-" + label + ".txt"), population + "\n");
    }

    /** {@code count} claims sent at the same moment, each timed as a single one is. */
    private void burst(int count) throws Exception {
        log(count + " claims at once");
        var start = new CountDownLatch(1);
        var objects = new ArrayList<Double>();
        var routing = new ArrayList<Double>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            var results = new ArrayList<Future<Provisioned>>();
            for (int i = 0; i < count; i++) {
                String name = "burst-" + i;
                results.add(threads.submit(() -> {
                    start.await();
                    return provision(name);
                }));
            }
            start.countDown();
            for (Future<Provisioned> result : results) {
                Provisioned provisioned = result.get(PATIENCE_MILLIS * 2, TimeUnit.MILLISECONDS);
                objects.add(provisioned.objectsMillis());
                routing.add(provisioned.routingMillis());
            }
        }
        write("claim-burst", objects);
        write("routing-burst", routing);
    }

    /** Claims and runs clusters, {@code concurrency} at a time, until Nebula watches {@code population}. */
    private void fillTo(int population, int concurrency) throws Exception {
        int missing = population - clusters.get();
        if (missing <= 0) {
            return;
        }
        log("claiming " + missing + " more clusters to reach " + population);
        long started = System.nanoTime();
        try (ExecutorService threads = Executors.newFixedThreadPool(concurrency)) {
            var results = new ArrayList<Future<?>>();
            for (int i = 0; i < missing; i++) {
                String name = "filler-" + clusters.get() + "-" + i;
                results.add(threads.submit(() -> {
                    String id = claim(name);
                    fixture.writes.lastWritten(
                            KubernetesControllers.namespaceOf(id),
                            Set.of("StatefulSet/" + KubernetesControllers.STATEFUL_SET),
                            PATIENCE_MILLIS);
                    var provisioned = fixture.events.provisioned(id);
                    fixture.kubernetes.runAllReady(KubernetesControllers.namespaceOf(id));
                    provisioned.get(PATIENCE_MILLIS, TimeUnit.MILLISECONDS);
                    return null;
                }));
            }
            for (Future<?> result : results) {
                result.get();
            }
        }
        log("reached " + clusters.get() + " clusters in " + (System.nanoTime() - started) / 1_000_000_000 + " s");
    }

    /** Keys revoked one after the other, each timed from Orion's 204 to GateKeeper's first refusal. */
    private void revocations(String clusterId, int count) throws Exception {
        log(count + " revocations");
        String endpoint = ProvisioningBenchFixture.endpoint(clusterId);
        var samples = new ArrayList<Double>();
        for (int i = 0; i < count; i++) {
            HttpResponse<String> issued = fixture.orion.post(
                    "/v1/clusters/" + clusterId + "/api-keys",
                    "{\"name\": \"bench-" + i + "\", \"scope\": \"read-write\"}");
            expect(issued, 201);
            String key = Http.json(issued).get("key").asString();
            String keyId = Http.json(issued).get("id").asString();
            Map<String, String> withKey = Map.of("api-key", key);
            await(
                    () -> fixture.gatekeeper
                                    .get(endpoint, "/collections", withKey)
                                    .statusCode()
                            == 200,
                    "key accepted");
            HttpResponse<String> revoked = fixture.orion.delete("/v1/clusters/" + clusterId + "/api-keys/" + keyId);
            long revokedAt = System.nanoTime();
            expect(revoked, 204);
            await(() -> refuses(fixture.gatekeeper.get(endpoint, "/collections", withKey)), "key refused");
            samples.add((System.nanoTime() - revokedAt) / 1e6);
        }
        write("revocation", samples);
    }

    /** GateKeeper's refusal of a key it no longer knows: 401 or 403, not a passing failure such as a 502. */
    private static boolean refuses(HttpResponse<String> answer) {
        return answer.statusCode() == 401 || answer.statusCode() == 403;
    }

    private Provisioned provision(String name) throws Exception {
        HttpResponse<String> accepted = postClaim(name);
        long acceptedAt = System.nanoTime();
        expect(accepted, 202);
        clusters.incrementAndGet();
        String id = Http.json(accepted).get("id").asString();
        long lastObject = fixture.writes.lastWritten(KubernetesControllers.namespaceOf(id), expected, PATIENCE_MILLIS);
        double objectsMillis = (lastObject - acceptedAt) / 1e6;
        return new Provisioned(objectsMillis, routed(id));
    }

    /**
     * Plays the kubelet and load balancer for the cluster, and times GateKeeper from Nebula's {@code
     * ClusterProvisioned} (its record's timestamp) to its first answer for the cluster that is neither "unknown" nor
     * "still provisioning" (a 401 to a request without a key). GateKeeper is asked every few milliseconds from the
     * moment this harness reads the event, so the figure is an upper bound by at most that read's delay.
     */
    private double routed(String id) throws Exception {
        var provisioned = fixture.events.provisioned(id);
        String namespace = KubernetesControllers.namespaceOf(id);
        Thread kubelet = Thread.startVirtualThread(() -> fixture.kubernetes.runAllReady(namespace));
        long publishedAt = provisioned.get(PATIENCE_MILLIS, TimeUnit.MILLISECONDS);
        String endpoint = ProvisioningBenchFixture.endpoint(id);
        await(() -> fixture.gatekeeper.get(endpoint, "/collections", Map.of()).statusCode() == 401, "routed");
        long routedAt = System.currentTimeMillis();
        kubelet.join();
        running.add(id);
        return routedAt - publishedAt;
    }

    private String claim(String name) {
        HttpResponse<String> accepted = postClaim(name);
        expect(accepted, 202);
        clusters.incrementAndGet();
        return Http.json(accepted).get("id").asString();
    }

    /** The smallest Qdrant cluster Orion accepts, one node: the benchmark times Nebula, not the cluster's size. */
    private HttpResponse<String> postClaim(String name) {
        return fixture.orion.post("/v1/clusters", """
                {"name": "%s", "engine": "qdrant", "nodes": 1, "cpu": "250m", "memory": "512Mi", "disk": "1Gi",
                 "provider": "minikube", "region": "local"}""".formatted(name));
    }

    /** The cluster's objects as Nebula wrote them, as JSON, in the order it wrote them. */
    private List<String> templates(String namespace) {
        NamespacedKubernetesClient client = fixture.api.client();
        KubernetesSerialization json = client.getKubernetesSerialization();
        var objects = new ArrayList<HasMetadata>();
        objects.add(client.namespaces().withName(namespace).get());
        objects.addAll(client.secrets().inNamespace(namespace).list().getItems());
        objects.addAll(client.configMaps().inNamespace(namespace).list().getItems());
        objects.addAll(client.services().inNamespace(namespace).list().getItems());
        objects.addAll(client.policy()
                .v1()
                .podDisruptionBudget()
                .inNamespace(namespace)
                .list()
                .getItems());
        objects.addAll(client.network()
                .v1()
                .networkPolicies()
                .inNamespace(namespace)
                .list()
                .getItems());
        objects.addAll(
                client.apps().statefulSets().inNamespace(namespace).list().getItems());
        objects.addAll(client.apps().deployments().inNamespace(namespace).list().getItems());
        return objects.stream()
                .filter(object -> expected.contains(ObjectWrites.key(object)))
                .map(json::asJson)
                .toList();
    }

    /**
     * The API server's floor: the objects Nebula writes for a cluster, created one after the other straight into the
     * same mock server with a fabric8 client, in a namespace of their own (labels dropped, so that nothing of
     * Nebula's takes them for a cluster), then removed again. Returns the milliseconds the creations took.
     */
    private double writeStraight(String namespace) {
        NamespacedKubernetesClient client = fixture.api.client();
        KubernetesSerialization json = client.getKubernetesSerialization();
        var objects = new ArrayList<HasMetadata>();
        for (String template : templates) {
            HasMetadata object = json.unmarshal(template);
            object.getMetadata().setResourceVersion(null);
            object.getMetadata().setUid(null);
            object.getMetadata().setCreationTimestamp(null);
            object.getMetadata().setLabels(null);
            if ("Namespace".equals(object.getKind())) {
                object.getMetadata().setName(namespace);
            } else {
                object.getMetadata().setNamespace(namespace);
            }
            objects.add(object);
        }
        objects.sort(Comparator.comparing(object -> !"Namespace".equals(object.getKind())));
        long started = System.nanoTime();
        for (HasMetadata object : objects) {
            client.resource(object).create();
        }
        double millis = (System.nanoTime() - started) / 1e6;
        objects.reversed().forEach(object -> client.resource(object).delete());
        return millis;
    }

    private void await(Check check, String what) throws Exception {
        long deadline = System.nanoTime() + PATIENCE_MILLIS * 1_000_000;
        while (!check.holds()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("never " + what);
            }
            Thread.sleep(pollMillis);
        }
    }

    private void handOver(String phase) throws Exception {
        Files.writeString(
                out.resolve("pids.txt"),
                "nebula " + fixture.pid("nebula") + "\ngatekeeper " + fixture.pid("gatekeeper") + "\n");
        Files.writeString(out.resolve("phase-" + phase), "");
        Path done = out.resolve("phase-" + phase + ".done");
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!Files.exists(done) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    private void write(String figure, List<Double> millis) throws IOException {
        Files.write(
                out.resolve(figure + ".txt"),
                millis.stream().map(value -> String.format("%.2f", value)).toList());
    }

    private static void expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(
                    "expected " + status + ", got " + response.statusCode() + ": " + response.body());
        }
    }

    private static void log(String line) {
        System.out.println("[harness] " + line);
    }

    @FunctionalInterface
    private interface Check {
        boolean holds() throws Exception;
    }

    private record Provisioned(double objectsMillis, double routingMillis) {}
}
