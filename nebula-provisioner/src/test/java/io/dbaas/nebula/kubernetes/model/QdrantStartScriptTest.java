package io.dbaas.nebula.kubernetes.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the start script Nebula renders for Qdrant pods with bash, as a pod would, up to the point where it hands over
 * to Qdrant: Qdrant's entrypoint is replaced by one that prints its arguments, and {@code getent} by a stand-in that
 * answers like cluster DNS from a table each test writes (a stand-in: no cluster DNS runs here). The stand-in answers
 * as glibc's {@code getent ahosts} does: each address once per socket type, exit status 2 for a name it does not know.
 */
class QdrantStartScriptTest {

    private static final String NAMESPACE = "dbaas-3f1c2b9a-8d4e-4f6a-b2c1-0a9e8d7c6b5a";
    private static final String READY_SERVICE = "qdrant-ready." + NAMESPACE;
    private static final String POD_0_URI = "https://" + pod(0) + ":6335";

    @TempDir
    Path directory;

    /** Name → addresses, as cluster DNS would answer; names not in it do not resolve. */
    private final Map<String, List<String>> dns = new LinkedHashMap<>();

    /** Whether the pod runs the older template without TLS between peers; the current one enables it. */
    private boolean plainPeers;

    @Test
    void podZeroJoinsTheRunningClusterThroughAReadyPeerByName() throws Exception {
        // With a lost volume Qdrant joins through it; with the state of a cluster it took part in, Qdrant ignores it.
        resolves(pod(0), "127.0.1.10");
        resolves(pod(1), "127.0.1.11");
        resolves(pod(2), "127.0.1.12");
        resolves(READY_SERVICE, "127.0.1.12");

        assertThat(start("qdrant-0")).containsExactly("--bootstrap", "https://" + pod(2) + ":6335", "--uri", POD_0_URI);
    }

    @Test
    void podZeroLooksBeyondPodsThatAreMissing() throws Exception {
        // Pods 1 and 2 are being rescheduled: their names do not resolve, pod 3's does.
        resolves(pod(0), "127.0.1.10");
        resolves(pod(3), "::ffff:127.0.1.113", "127.0.1.13");
        resolves(READY_SERVICE, "::ffff:127.0.1.113", "127.0.1.13");

        assertThat(start("qdrant-0")).containsExactly("--bootstrap", "https://" + pod(3) + ":6335", "--uri", POD_0_URI);
    }

    @Test
    void podZeroFoundsTheClusterWhenNoPeerIsReady() throws Exception {
        // A new cluster: the other pods run but are not ready until they have joined pod 0; the Service lists none.
        resolves(pod(0), "127.0.1.10");
        resolves(pod(1), "127.0.1.11");
        resolves(pod(2), "127.0.1.12");

        assertThat(start("qdrant-0")).containsExactly("--uri", POD_0_URI);
    }

    @Test
    void podZeroDoesNotTakeItsOwnAddressForAReadyPeer() throws Exception {
        // Pod 0's container restarted: DNS may list it as ready for a few seconds more.
        resolves(pod(0), "127.0.1.10");
        resolves(pod(1), "127.0.1.11");
        resolves(READY_SERVICE, "127.0.1.10");

        assertThat(start("qdrant-0")).containsExactly("--uri", POD_0_URI);
    }

    @Test
    void podZeroFoundsNoSecondClusterWhenNoPodNameLeadsToTheReadyPeer() throws Exception {
        resolves(pod(0), "127.0.1.10");
        resolves(pod(1), "127.0.1.11");
        resolves(READY_SERVICE, "127.0.1.99");

        Result result = run("qdrant-0", "exec bash \"$0\"", "printf '%s\\n' \"$@\"");

        assertThat(result.exitValue()).isNotZero();
        assertThat(result.output())
                .noneMatch(line -> line.equals("--uri"))
                .anyMatch(line -> line.contains("127.0.1.99"));
    }

    @Test
    void theOtherPodsJoinThroughPodZeroByItsHttpsUri() throws Exception {
        resolves(READY_SERVICE, "127.0.1.11");

        assertThat(start("qdrant-2")).containsExactly("--bootstrap", POD_0_URI, "--uri", "https://" + pod(2) + ":6335");
    }

    @Test
    void aPodWhoseTemplateStillRunsPlainPeersAnnouncesHttpUrisWithTheNewScript() throws Exception {
        resolves(READY_SERVICE, "127.0.1.11");
        plainPeers = true;

        assertThat(start("qdrant-2"))
                .containsExactly("--bootstrap", "http://" + pod(0) + ":6335", "--uri", "http://" + pod(2) + ":6335");
    }

    @Test
    void qdrantStartsWithItsOpenFilesLimitRaisedToTheHardLimit() throws Exception {
        Result result = run("qdrant-1", "ulimit -Sn 256; exec bash \"$0\"", "echo \"$(ulimit -Sn) $(ulimit -Hn)\"");

        String[] limits = result.output().getFirst().split(" ");
        assertThat(limits[0]).isEqualTo(limits[1]);
    }

    private static String pod(int ordinal) {
        return "qdrant-" + ordinal + ".qdrant-headless." + NAMESPACE;
    }

    private void resolves(String name, String... addresses) {
        dns.put(name, List.of(addresses));
    }

    /** The arguments Qdrant's entrypoint is given, the script's own messages left out. */
    private List<String> start(String hostname) throws Exception {
        Result result = run(hostname, "exec bash \"$0\"", "printf '%s\\n' \"$@\"");
        assertThat(result.exitValue()).as(String.join("\n", result.output())).isZero();
        return result.output().stream().filter(line -> !line.startsWith("Pod ")).toList();
    }

    /** Runs the rendered script under {@code wrapper} (given the script as $0), Qdrant's entrypoint {@code fake}. */
    private Result run(String hostname, String wrapper, String fake) throws Exception {
        Path bin = Files.createDirectories(directory.resolve("bin"));
        executable(bin.resolve("getent"), fakeGetent());
        Path entrypoint = executable(directory.resolve("entrypoint.sh"), "#!/bin/bash\n" + fake + "\n");
        Path script = directory.resolve("initialize.sh");
        String rendered = new QdrantStartScript("qdrant", "qdrant-headless", "qdrant-ready", NAMESPACE, 6335).render();
        String target = "entrypoint='" + QdrantStartScript.ENTRYPOINT + "'";
        assertThat(rendered).as("the rendered script").containsOnlyOnce(target);
        Files.writeString(script, rendered.replace(target, "entrypoint='" + entrypoint + "'"));

        ProcessBuilder builder = new ProcessBuilder("bash", "-c", wrapper, script.toString()).redirectErrorStream(true);
        builder.environment().put("HOSTNAME", hostname);
        if (!plainPeers) {
            builder.environment().put("QDRANT__CLUSTER__P2P__ENABLE_TLS", "true");
        }
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        Process process = builder.start();
        process.getOutputStream().close();
        boolean done = process.waitFor(20, TimeUnit.SECONDS);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(done).as("script finished: " + output).isTrue();
        return new Result(process.exitValue(), output.lines().toList());
    }

    /** {@code getent ahosts NAME} as glibc prints it, from {@link #dns}. */
    private String fakeGetent() {
        String cases = dns.entrySet().stream()
                .map(entry -> "  '%s') printf '%%s STREAM\\n%%s DGRAM\\n%%s RAW\\n' %s ;;"
                        .formatted(
                                entry.getKey(),
                                entry.getValue().stream()
                                        .map(address -> address + " " + address + " " + address)
                                        .collect(Collectors.joining(" "))))
                .collect(Collectors.joining("\n"));
        return """
                #!/bin/bash
                [ "$1" = ahosts ] || exit 1
                case "$2" in
                %s
                  *) exit 2 ;;
                esac
                """.formatted(cases);
    }

    private static Path executable(Path path, String content) throws Exception {
        Files.writeString(path, content);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwx------"));
        return path;
    }

    private record Result(int exitValue, List<String> output) {}
}
