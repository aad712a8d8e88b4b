package io.dbaas.local;

import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The measuring half of {@code bench/footprint.sh}: starts Orion, Nebula and GateKeeper from their jars exactly as the
 * local run does ({@link ControlPlane}'s own start of each, so the same JVM options as {@link ServiceProcess}), each
 * alone, and the reference application of its stack with the same {@link ServiceProcess}, alternately. For every start
 * it writes one line to the results file: {@code <name> <round> <ms to /actuator/health 200> <resident MiB after the
 * idle time> <loaded classes> <threads> <committed heap MiB>}. Round 0 is a warm-up (not idle, not reported by the
 * script): it applies the services' database migrations and brings every jar into the page cache, for all alike.
 *
 * <p>The services run against an embedded PostgreSQL and a plain KRaft broker, as {@code ./run-local} does, and Nebula's
 * region against fabric8's Kubernetes mock server (CRUD mode), as the end-to-end tests do.
 *
 * <p>Arguments: {@code <project home> <servlet reference jar> <reactive reference jar> <work directory> <rounds>
 * <idle seconds> <warm-up rounds>}.
 */
public final class FootprintBench {

    private static final Duration HEALTH_POLL = Duration.ofMillis(50);
    private static final Duration START_LIMIT = Duration.ofMinutes(3);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final Path work;
    private final Path results;
    private final Duration idle;

    private FootprintBench(Path work, Duration idle) {
        this.work = work;
        this.results = work.resolve("footprint.txt");
        this.idle = idle;
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]).toAbsolutePath();
        Path servletReference = Path.of(args[1]).toAbsolutePath();
        Path reactiveReference = Path.of(args[2]).toAbsolutePath();
        Path work = Path.of(args[3]).toAbsolutePath();
        int rounds = Integer.parseInt(args[4]);
        Duration idle = Duration.ofSeconds(Long.parseLong(args[5]));
        int warmUps = Integer.parseInt(args[6]);

        try (EmbeddedPostgres postgres = EmbeddedInfrastructure.postgres();
                LoopbackKafka kafka = EmbeddedInfrastructure.kafka();
                var kubernetes = new MockKubernetes()) {
            var ports = new ControlPlane.Ports(freePort(), freePort(), freePort(), freePort(), freePort());
            var settings = new ControlPlane.Settings(
                    home,
                    postgres.getJdbcUrl("postgres", "postgres"),
                    "postgres",
                    "",
                    kafka.bootstrapServers(),
                    LocalSecrets.keyEncryptionKey(),
                    LocalSecrets.managementToken(),
                    "dbaas.localhost",
                    ports,
                    List.of(
                            "--nebula.providers.minikube.regions.local.kubernetes.api-url="
                                    + kubernetes.client.getMasterUrl(),
                            "--nebula.providers.minikube.regions.local.exposure=load-balancer"),
                    Map.of(),
                    work.resolve("logs"),
                    null);
            int referencePort = freePort();
            Map<String, Candidate> candidates = new LinkedHashMap<>();
            // Each reference just before the services it is the reference of, so both meet the machine alike.
            candidates.put("reference-servlet", reference("reference-servlet", servletReference, referencePort, work));
            candidates.put("orion", new Candidate(() -> ControlPlane.orion(settings), health(ports.orionManagement())));
            candidates.put("nebula", new Candidate(() -> ControlPlane.nebula(settings), health(ports.nebula())));
            candidates.put(
                    "reference-reactive", reference("reference-reactive", reactiveReference, referencePort, work));
            candidates.put(
                    "gatekeeper",
                    new Candidate(() -> ControlPlane.gatekeeper(settings), health(ports.gatekeeperManagement())));

            var bench = new FootprintBench(work, idle);
            Files.writeString(bench.results, "");
            for (int round = 1 - warmUps; round <= rounds; round++) {
                for (var candidate : candidates.entrySet()) {
                    bench.measure(candidate.getKey(), Math.max(round, 0), candidate.getValue(), round > 0);
                }
            }
        }
    }

    /** One start: the time to healthy, then (unless a warm-up) what the process holds after the idle time. */
    private void measure(String name, int round, Candidate candidate, boolean idleAndMeasure) throws IOException {
        System.err.printf("[footprint] %s, round %s%n", name, round == 0 ? "warm-up" : round);
        long started = System.nanoTime();
        try (ServiceProcess process = candidate.start().get()) {
            awaitHealthy(process, candidate.health());
            long startMillis = (System.nanoTime() - started) / 1_000_000;
            if (!idleAndMeasure) {
                return;
            }
            sleep(idle);
            long pid = process.process().pid();
            long rss = statusKiB(pid, "VmRSS") / 1024;
            long threads = statusKiB(pid, "Threads");
            Map<String, Long> counters = perfCounters(pid);
            long classes = counters.getOrDefault("java.cls.loadedClasses", -1L)
                    - counters.getOrDefault("java.cls.unloadedClasses", 0L);
            long heap = (counters.getOrDefault("sun.gc.generation.0.capacity", 0L)
                            + counters.getOrDefault("sun.gc.generation.1.capacity", 0L))
                    / (1024 * 1024);
            String line = "%s %d %d %d %d %d %d%n".formatted(name, round, startMillis, rss, classes, threads, heap);
            Files.writeString(results, line, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            System.err.print("[footprint] " + line);
        }
    }

    private static void awaitHealthy(ServiceProcess process, URI health) {
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(process.name() + " exited. Last lines of its log:\n" + process.tail());
            }
            if (answersOk(health)) {
                return;
            }
            sleep(HEALTH_POLL);
        }
        throw new IllegalStateException(process.name() + " was not healthy in time:\n" + process.tail());
    }

    private static boolean answersOk(URI health) {
        try {
            var request = HttpRequest.newBuilder(health)
                    .timeout(Duration.ofSeconds(2))
                    .build();
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** A number from /proc/<pid>/status ({@code VmRSS} in KiB, {@code Threads}); -1 if absent. */
    private static long statusKiB(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]);
            }
        }
        return -1;
    }

    /**
     * The JVM's own counters (classes loaded, heap committed), read with {@code jcmd PerfCounter.print}: the same
     * figures {@code jstat} shows, with no option the process must have been started with.
     */
    private Map<String, Long> perfCounters(long pid) throws IOException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Path output = work.resolve("perf-" + pid + ".txt");
        try {
            new ProcessBuilder(jcmd.toString(), Long.toString(pid), "PerfCounter.print")
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start()
                    .waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        var counters = new HashMap<String, Long>();
        for (String line : Files.readAllLines(output)) {
            int equals = line.indexOf('=');
            if (equals > 0 && line.substring(equals + 1).matches("\\d+")) {
                counters.put(line.substring(0, equals), Long.parseLong(line.substring(equals + 1)));
            }
        }
        Files.delete(output);
        return counters;
    }

    private static Candidate reference(String name, Path jar, int port, Path work) {
        URI health = health(port);
        return new Candidate(
                () -> ServiceProcess.start(
                        name,
                        jar,
                        new ArrayList<>(List.of("--server.address=127.0.0.1", "--server.port=" + port)),
                        Map.of(),
                        health,
                        work.resolve("logs").resolve(name + ".log"),
                        (PrintStream) null),
                health);
    }

    private static URI health(int port) {
        return URI.create("http://127.0.0.1:" + port + "/actuator/health");
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** How to start one process, and the URL that answers 200 with status UP once it is ready. */
    private record Candidate(Supplier<ServiceProcess> start, URI health) {}

    /** fabric8's Kubernetes API mock in CRUD mode, on loopback: Nebula's region, as in the end-to-end tests. */
    private static final class MockKubernetes implements AutoCloseable {

        private final KubernetesMockServer server;
        private final NamespacedKubernetesClient client;

        MockKubernetes() {
            server = new KubernetesMockServer(
                    new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
            server.init(InetAddress.getLoopbackAddress(), 0);
            client = server.createClient();
        }

        @Override
        public void close() {
            client.close();
            server.destroy();
        }
    }
}
