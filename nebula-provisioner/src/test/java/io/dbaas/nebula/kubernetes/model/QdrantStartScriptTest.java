package io.dbaas.nebula.kubernetes.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the start script Nebula renders for Qdrant pods with bash, as a pod would, up to the point where it hands over
 * to Qdrant: Qdrant's entrypoint is replaced by one that prints its arguments, the headless Service's DNS answer by
 * loopback addresses, and the other pods by HTTP servers that answer {@code /readyz} as Qdrant does (a stand-in: no
 * Qdrant server runs here).
 */
class QdrantStartScriptTest {

    private static final String NAMESPACE = "dbaas-3f1c2b9a-8d4e-4f6a-b2c1-0a9e8d7c6b5a";
    private static final String POD_0 = "http://qdrant-0.qdrant-headless." + NAMESPACE + ":6335";
    /** Pods 1 and 2, as the headless Service's DNS name would list them. */
    private static final String PEER_1 = "127.0.0.2";

    private static final String PEER_2 = "127.0.0.3";

    @TempDir
    Path directory;

    private final List<AutoCloseable> peers = new ArrayList<>();
    private int httpPort;

    @BeforeEach
    void freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(PEER_2))) {
            httpPort = probe.getLocalPort();
        }
    }

    @AfterEach
    void stopPeers() throws Exception {
        for (AutoCloseable peer : peers) {
            peer.close();
        }
    }

    @Test
    void podZeroJoinsTheRunningClusterThroughAReadyPeer() throws Exception {
        // With a lost volume Qdrant joins through it; with the state of a cluster it took part in, Qdrant ignores it.
        peerAnswering(PEER_2, 200);

        assertThat(start("qdrant-0")).containsExactly("--bootstrap", "http://127.0.0.3:6335", "--uri", POD_0);
    }

    @Test
    void podZeroFoundsTheClusterWhenNoPeerIsReady() throws Exception {
        // A new cluster: the other pods serve HTTP already but are not ready until they have joined pod 0.
        peerAnswering(PEER_1, 503);

        assertThat(start("qdrant-0")).containsExactly("--uri", POD_0);
    }

    @Test
    void aPeerThatAcceptsButNeverAnswersDoesNotHoldPodZeroBack() throws Exception {
        ServerSocket silent = new ServerSocket(httpPort, 1, InetAddress.getByName(PEER_1));
        peers.add(silent);

        assertThat(start("qdrant-0")).containsExactly("--uri", POD_0);
    }

    @Test
    void podZeroFoundsTheClusterWhenTheHeadlessServiceNamesNoPod() throws Exception {
        assertThat(start("qdrant-0", "peer_addresses() { getent ahosts 'no-such-service.invalid' | sort -u; }"))
                .containsExactly("--uri", POD_0);
    }

    @Test
    void theOtherPodsJoinThroughPodZero() throws Exception {
        peerAnswering(PEER_2, 200);

        assertThat(start("qdrant-2"))
                .containsExactly(
                        "--bootstrap", POD_0, "--uri", "http://qdrant-2.qdrant-headless." + NAMESPACE + ":6335");
    }

    @Test
    void qdrantStartsWithItsOpenFilesLimitRaisedToTheHardLimit() throws Exception {
        List<String> output = run(
                "qdrant-1",
                "peer_addresses() { :; }",
                "ulimit -Sn 256; exec bash \"$0\"",
                "echo \"$(ulimit -Sn) $(ulimit -Hn)\"");

        String[] limits = output.getFirst().split(" ");
        assertThat(limits[0]).isEqualTo(limits[1]);
    }

    private List<String> start(String hostname) throws Exception {
        return start(hostname, "peer_addresses() { printf '%s\\n' " + PEER_1 + " " + PEER_2 + "; }");
    }

    /** Starts the script with {@code peerAddresses} in place of the headless Service's DNS answer. */
    private List<String> start(String hostname, String peerAddresses) throws Exception {
        return run(hostname, peerAddresses, "exec bash \"$0\"", "printf '%s\\n' \"$@\"");
    }

    /**
     * Runs the rendered script under {@code wrapper} (given the script as $0), the headless Service's DNS answer being
     * {@code peerAddresses} and Qdrant's entrypoint {@code fake}.
     */
    private List<String> run(String hostname, String peerAddresses, String wrapper, String fake) throws Exception {
        Path entrypoint = directory.resolve("entrypoint.sh");
        Files.writeString(entrypoint, "#!/bin/bash\n" + fake + "\n");
        Files.setPosixFilePermissions(entrypoint, PosixFilePermissions.fromString("rwx------"));
        Path script = directory.resolve("initialize.sh");
        Files.writeString(script, scriptOnLoopback(entrypoint, peerAddresses));

        ProcessBuilder builder = new ProcessBuilder("bash", "-c", wrapper, script.toString()).redirectErrorStream(true);
        builder.environment().put("HOSTNAME", hostname);
        Process process = builder.start();
        process.getOutputStream().close();
        boolean done = process.waitFor(20, TimeUnit.SECONDS);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(done).as("script finished: " + output).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output.lines().filter(line -> !line.startsWith("The peer at")).toList();
    }

    private String scriptOnLoopback(Path entrypoint, String peerAddresses) {
        String rendered = new QdrantStartScript("qdrant", "qdrant-headless", NAMESPACE, 6333, 6335).render();
        String dnsAnswer = rendered.lines()
                .filter(line -> line.startsWith("peer_addresses() {"))
                .findFirst()
                .orElseThrow();
        String script = replaceOnce(
                rendered, "entrypoint='" + QdrantStartScript.ENTRYPOINT + "'", "entrypoint='" + entrypoint + "'");
        script = replaceOnce(script, "http_port=6333", "http_port=" + httpPort);
        return replaceOnce(script, dnsAnswer, peerAddresses);
    }

    private static String replaceOnce(String text, String target, String replacement) {
        assertThat(text).as("the rendered script").containsOnlyOnce(target);
        return text.replace(target, replacement);
    }

    private void peerAnswering(String address, int status) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(address, httpPort), 0);
        server.createContext("/", exchange -> {
            byte[] body = (exchange.getRequestURI().getPath().equals("/readyz") ? "ok" : "not found")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(
                    exchange.getRequestURI().getPath().equals("/readyz") ? status : 404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        peers.add(() -> server.stop(0));
    }
}
