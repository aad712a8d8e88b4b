package io.dbaas.gatekeeper.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dbaas.gatekeeper.support.GateKeeperIntegrationTest;
import io.dbaas.gatekeeper.support.TestCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The packaged jar, started the way the rest of the control plane starts it: a separate process, configured on the
 * command line, ready when its management port says so. A separate process also proves that a new instance, with its
 * own consumer group, rebuilds the whole directory from the topic.
 */
class GateKeeperJarIT extends GateKeeperIntegrationTest {

    private static final Path JAR = Path.of("target", "gatekeeper-proxy.jar");
    private static final Duration START_UP = Duration.ofSeconds(90);

    @Test
    void aStartedInstanceRebuildsTheDirectoryFromTheTopicAndProxies() throws Exception {
        TestCluster cluster = provisioned(UPSTREAM_A);
        int publicPort = freePort();
        int adminPort = freePort();
        Path log = Files.createTempFile(Path.of("target"), "gatekeeper-jar-", ".log");

        // The key goes through the environment, as in production: a command line is visible to every local user.
        Process gatekeeper = start(
                log,
                TestCluster.KEY_ENCRYPTION_KEY,
                "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                "--server.port=" + publicPort,
                "--management.server.port=" + adminPort,
                "--gatekeeper.domain=" + DOMAIN);
        try {
            HttpClient http = HttpClient.newHttpClient();
            await().atMost(START_UP)
                    .pollInterval(Duration.ofMillis(500))
                    .failFast("GateKeeper exited; see " + log, () -> !gatekeeper.isAlive())
                    .until(() -> status(http, "http://127.0.0.1:" + adminPort + "/actuator/health") == 200);

            String apiKey = cluster.newApiKey();
            // Ready means the web server is up; the directory catches up with the topic right after.
            await().atMost(eventDelivery()).until(() -> proxiedStatus(publicPort, cluster, apiKey) == 200);
            assertThat(UPSTREAM_A.received()).last().satisfies(received -> assertThat(received.header("api-key"))
                    .containsExactly(cluster.masterKey()));
            assertThat(status(http, "http://127.0.0.1:" + publicPort + "/actuator/health"))
                    .isEqualTo(404);
        } finally {
            stop(gatekeeper);
        }
        assertThat(Files.readString(log))
                .contains("Routing " + cluster.host())
                .doesNotContain(cluster.masterKey(), TestCluster.KEY_ENCRYPTION_KEY);
    }

    @Test
    void withJsonLogsEveryLineIsJsonAndTheAccessLineNamesTheClientsTraceWithoutAnySecret() throws Exception {
        TestCluster cluster = provisioned(UPSTREAM_A);
        int publicPort = freePort();
        int adminPort = freePort();
        Path log = Files.createTempFile(Path.of("target"), "gatekeeper-jar-json-", ".log");
        String clientTrace = "4bf92f3577b34da6a3ce929d0e0e4736";

        Process gatekeeper = start(
                log,
                TestCluster.KEY_ENCRYPTION_KEY,
                "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                "--server.port=" + publicPort,
                "--management.server.port=" + adminPort,
                "--gatekeeper.domain=" + DOMAIN,
                "--logging.structured.format.console=ecs",
                // Tracing on; the collector is a closed loopback port, so export fails quietly.
                "--management.opentelemetry.tracing.export.otlp.endpoint=http://127.0.0.1:9/v1/traces");
        String apiKey = cluster.newApiKey();
        try {
            HttpClient http = HttpClient.newHttpClient();
            await().atMost(START_UP)
                    .pollInterval(Duration.ofMillis(500))
                    .failFast("GateKeeper exited; see " + log, () -> !gatekeeper.isAlive())
                    .until(() -> status(http, "http://127.0.0.1:" + adminPort + "/actuator/health") == 200);
            await().atMost(eventDelivery())
                    .until(() ->
                            proxiedStatus(publicPort, cluster, apiKey, "00-" + clientTrace + "-00f067aa0ba902b7-01")
                                    == 200);
        } finally {
            stop(gatekeeper);
        }
        List<String> lines = Files.readAllLines(log).stream()
                // The JVM's own warnings (native access, Unsafe) go to standard error before any logger exists.
                .filter(line -> !line.isBlank() && !line.startsWith("WARNING: "))
                .toList();
        JsonMapper json = JsonMapper.builder().build();
        List<JsonNode> entries = lines.stream().map(json::readTree).toList();
        assertThat(entries).allSatisfy(entry -> assertThat(entry.has("@timestamp") && entry.has("message"))
                .isTrue());
        assertThat(entries)
                .filteredOn(entry -> entry.path("log").path("logger").asString().equals("gatekeeper.access"))
                .filteredOn(entry -> entry.path("message").asString().contains("status=200"))
                .isNotEmpty()
                .allSatisfy(access -> {
                    assertThat(access.path("traceId").asString()).isEqualTo(clientTrace);
                    assertThat(access.path("spanId").asString()).matches("[0-9a-f]{16}");
                });
        assertThat(String.join("\n", lines))
                .doesNotContain(apiKey, cluster.masterKey(), TestCluster.KEY_ENCRYPTION_KEY);
    }

    @Test
    void refusesToStartWithoutAKeyEncryptionKeyAndSaysWhy() throws Exception {
        Path log = Files.createTempFile(Path.of("target"), "gatekeeper-jar-", ".log");

        Process gatekeeper = start(
                log,
                null,
                "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                "--server.port=" + freePort(),
                "--management.server.port=" + freePort());
        try {
            assertThat(gatekeeper.waitFor(START_UP.toSeconds(), TimeUnit.SECONDS))
                    .as("GateKeeper should stop by itself")
                    .isTrue();
            assertThat(gatekeeper.exitValue()).isNotZero();
        } finally {
            stop(gatekeeper);
        }
        assertThat(Files.readString(log))
                .contains("APPLICATION FAILED TO START")
                .contains("dbaas.key-encryption-key is not set");
    }

    private static Process start(Path log, @Nullable String keyEncryptionKey, String... arguments) throws IOException {
        assertThat(JAR).as("the packaged jar (failsafe runs after package)").exists();
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Xmx256m");
        command.add("-jar");
        command.add(JAR.toString());
        command.addAll(List.of(arguments));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().remove("DBAAS_KEY_ENCRYPTION_KEY");
        if (keyEncryptionKey != null) {
            builder.environment().put("DBAAS_KEY_ENCRYPTION_KEY", keyEncryptionKey);
        }
        return builder.start();
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static int proxiedStatus(int publicPort, TestCluster cluster, String apiKey) {
        return proxiedStatus(publicPort, cluster, apiKey, null);
    }

    private static int proxiedStatus(int publicPort, TestCluster cluster, String apiKey, @Nullable String traceparent) {
        return gatewayAt(publicPort)
                .get()
                .uri("/collections")
                .header(HttpHeaders.HOST, cluster.host())
                .header("api-key", apiKey)
                .headers(headers -> {
                    if (traceparent != null) {
                        headers.set("traceparent", traceparent);
                    }
                })
                .exchange()
                .returnResult(String.class)
                .getStatus()
                .value();
    }

    private static WebTestClient gatewayAt(int publicPort) {
        return WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + publicPort)
                .responseTimeout(Duration.ofSeconds(10))
                .build();
    }

    private static int status(HttpClient http, String url) {
        try {
            return http.send(
                            HttpRequest.newBuilder(URI.create(url))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Good enough for a test: the port is free now and very likely still free a moment later. */
    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
