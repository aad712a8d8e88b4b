package io.dbaas.gatekeeper.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.contracts.security.KeyScope;
import io.dbaas.gatekeeper.directory.ClusterDirectory;
import io.dbaas.gatekeeper.events.ClusterDirectoryUpdater;
import io.dbaas.gatekeeper.events.ConsumedOffsets;
import io.dbaas.gatekeeper.events.DirectoryReadiness;
import io.dbaas.gatekeeper.support.RecordingUpstream;
import io.dbaas.gatekeeper.support.TestCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * GateKeeper starting while Kafka is down: the directory snapshot a previous run left serves the clusters it knew,
 * and readiness says so. Its own context, with a broker address nothing listens on.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "management.server.port=0",
            "gatekeeper.domain=dbaas.localhost",
            "dbaas.key-encryption-key=" + TestCluster.KEY_ENCRYPTION_KEY
        })
class DirectorySnapshotIT {

    private static final RecordingUpstream UPSTREAM = RecordingUpstream.start("from-snapshot");
    private static final TestCluster CLUSTER = TestCluster.under("dbaas.localhost");
    private static final TestCluster PROVISIONING = TestCluster.under("dbaas.localhost");
    private static final String REVOKED_KEY =
            CLUSTER.newKey(KeyScope.READ_WRITE, null).key();

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    /** Runs before the context starts: the snapshot a previous run would have written, with GateKeeper's own writer. */
    @DynamicPropertySource
    static void snapshotAndNoBroker(DynamicPropertyRegistry properties) throws IOException {
        Path file = Files.createTempDirectory(Path.of("target"), "snapshot-it-").resolve("directory.json");
        ClusterDirectory directory = new ClusterDirectory();
        ConsumedOffsets offsets = new ConsumedOffsets();
        ClusterDirectoryUpdater updater = new ClusterDirectoryUpdater(directory, TestCluster.CIPHER);
        updater.apply(CLUSTER.provisionedAt(UPSTREAM.address()));
        updater.apply(PROVISIONING.provisioningStarted());
        directory.revoke(CLUSTER.id(), REVOKED_KEY.substring(4, 26), null);
        new DirectorySnapshotKeeper(
                        new DirectorySnapshotFile(file),
                        new DirectorySnapshots(directory, offsets, updater),
                        directory,
                        new DirectoryReadiness(),
                        Clock.systemUTC(),
                        Duration.ofSeconds(10))
                .writeIfChanged();
        properties.add("gatekeeper.directory.snapshot.path", file::toString);
        properties.add("spring.kafka.bootstrap-servers", () -> "127.0.0.1:" + unusedPort());
    }

    @AfterAll
    static void stopUpstream() {
        UPSTREAM.close();
    }

    @Test
    void aClusterFromTheSnapshotIsServedAndTheInstanceIsReadyWithoutAnyBroker() {
        gateway()
                .get()
                .uri("/collections")
                .header(HttpHeaders.HOST, CLUSTER.host())
                .header("api-key", CLUSTER.newApiKey())
                .exchange()
                .expectStatus()
                .isOk();
        assertThat(UPSTREAM.received().getLast().header("api-key")).containsExactly(CLUSTER.masterKey());

        WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + managementPort)
                .build()
                .get()
                .uri("/actuator/health/readiness")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP");
    }

    @Test
    void revocationsAndStatesFromTheSnapshotHoldToo() {
        gateway()
                .get()
                .uri("/collections")
                .header(HttpHeaders.HOST, CLUSTER.host())
                .header("api-key", REVOKED_KEY)
                .exchange()
                .expectStatus()
                .isUnauthorized();
        gateway()
                .get()
                .uri("/collections")
                .header(HttpHeaders.HOST, PROVISIONING.host())
                .header("api-key", PROVISIONING.newApiKey())
                .exchange()
                .expectStatus()
                .isEqualTo(503);
    }

    private WebTestClient gateway() {
        return WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(10))
                .build();
    }

    private static int unusedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
