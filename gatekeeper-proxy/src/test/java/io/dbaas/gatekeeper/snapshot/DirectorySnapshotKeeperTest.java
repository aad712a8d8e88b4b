package io.dbaas.gatekeeper.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.contracts.Topics;
import io.dbaas.contracts.event.ClusterProvisioned;
import io.dbaas.contracts.event.ServiceAddress;
import io.dbaas.gatekeeper.directory.ClusterDirectory;
import io.dbaas.gatekeeper.directory.ClusterRoute;
import io.dbaas.gatekeeper.directory.ClusterState;
import io.dbaas.gatekeeper.events.ClusterDirectoryUpdater;
import io.dbaas.gatekeeper.events.ConsumedOffsets;
import io.dbaas.gatekeeper.events.DirectoryReadiness;
import io.dbaas.gatekeeper.support.CapturedLogs;
import io.dbaas.gatekeeper.support.TestCertificates;
import io.dbaas.gatekeeper.support.TestCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectorySnapshotKeeperTest {

    private static final ServiceAddress ADDRESS = new ServiceAddress("http", "qdrant.c-1.svc", 6333);

    @TempDir
    Path work;

    @Test
    void aWrittenSnapshotHoldsKeysSealedOnlyIsOwnerOnlyAndRestoresEverything() throws IOException {
        Path file = work.resolve("state/directory.json");
        Side before = new Side(file);
        TestCluster running = TestCluster.under("dbaas.localhost");
        TestCluster elasticsearch = TestCluster.under("dbaas.localhost");
        TestCluster provisioning = TestCluster.under("dbaas.localhost");
        ClusterProvisioned runningEvent = running.provisionedAt(ADDRESS);
        TestCertificates.Authority ca = TestCertificates.authority();
        before.updater.apply(runningEvent);
        before.updater.apply(elasticsearch.elasticsearchAt(new ServiceAddress("https", "es.c-2.svc", 9200), ca.pem()));
        before.updater.apply(provisioning.provisioningStarted());
        before.directory.revoke(running.id(), "revoked-key-id", null);
        before.offsets.restore(Map.of(new TopicPartition(Topics.CLUSTER_EVENTS, 1), 17L));
        DirectorySnapshotKeeper keeper = before.keeper();

        keeper.writeIfChanged();

        String text = Files.readString(file);
        assertThat(text)
                .contains(runningEvent.sealedMasterKey())
                .doesNotContain(running.masterKey())
                .doesNotContain(elasticsearch.masterKey());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(Files.list(file.getParent())).containsExactly(file);

        Side after = new Side(file);
        after.keeper();

        ClusterRoute route = after.directory.find(running.host()).orElseThrow();
        assertThat(route.masterKey().upstreamCredential()).isEqualTo(running.masterKey());
        assertThat(route.upstream()).isEqualTo(ADDRESS.toUri());
        ClusterRoute es = after.directory.find(elasticsearch.host()).orElseThrow();
        assertThat(es.upstreamTrust().certificates()).containsExactly(ca.certificate());
        assertThat(es.upstreamCredential().value())
                .isEqualTo(before.directory
                        .find(elasticsearch.host())
                        .orElseThrow()
                        .upstreamCredential()
                        .value());
        assertThat(after.directory.notYetRoutable(provisioning.id()))
                .hasValueSatisfying(entry -> assertThat(entry.state()).isEqualTo(ClusterState.PROVISIONING));
        assertThat(after.directory.isRevoked(running.id(), "revoked-key-id")).isTrue();
        assertThat(after.offsets.copy()).containsEntry(new TopicPartition(Topics.CLUSTER_EVENTS, 1), 17L);
        assertThat(after.readiness.isReady()).isTrue();
    }

    @Test
    void anUnreadableSnapshotIsIgnoredAndTheDirectoryWaitsForTheTopics() throws IOException {
        Path file = work.resolve("directory.json");
        Files.writeString(file, "{ not json, and a secret-looking do-not-log-me");
        Side side = new Side(file);

        side.keeper();

        assertThat(side.directory.entries()).isEmpty();
        assertThat(side.readiness.isReady()).isFalse();
    }

    @Test
    void nothingIsWrittenWhenNothingChanged() throws IOException {
        Path file = work.resolve("directory.json");
        Side side = new Side(file);
        DirectorySnapshotKeeper keeper = side.keeper();
        keeper.writeIfChanged();
        Instant written = Files.getLastModifiedTime(file).toInstant();
        Files.writeString(file, "{}");

        keeper.writeIfChanged();

        assertThat(Files.readString(file)).isEqualTo("{}");
        assertThat(written).isNotNull();
    }

    @Test
    void aSnapshotThatCannotBeWrittenIsLoggedAndWrittenOnceItCanBe() throws IOException {
        // A file where the snapshot's directory should be: no directory can be made there, whoever runs the test.
        Path blocker = work.resolve("state");
        Files.writeString(blocker, "in the way");
        Path file = blocker.resolve("directory.json");
        Side side = new Side(file);
        TestCluster cluster = TestCluster.under("dbaas.localhost");
        side.updater.apply(cluster.provisionedAt(ADDRESS));
        DirectorySnapshotKeeper keeper = side.keeper();

        try (CapturedLogs logs = CapturedLogs.of(DirectorySnapshotKeeper.class)) {
            keeper.writeIfChanged();

            assertThat(logs.text()).contains("Could not write the directory snapshot to " + file);
            assertThat(logs.text()).doesNotContain(cluster.masterKey());
        }
        assertThat(side.directory.find(cluster.host())).isPresent();

        Files.delete(blocker);
        keeper.writeIfChanged();

        assertThat(Files.readString(file)).contains(cluster.id().toString());
    }

    /** One GateKeeper's directory side, as the application wires it. */
    private static final class Side {
        final Path file;
        final ClusterDirectory directory = new ClusterDirectory();
        final ConsumedOffsets offsets = new ConsumedOffsets();
        final ClusterDirectoryUpdater updater = new ClusterDirectoryUpdater(directory, TestCluster.CIPHER);
        final DirectoryReadiness readiness = new DirectoryReadiness();

        Side(Path file) {
            this.file = file;
        }

        DirectorySnapshotKeeper keeper() {
            return new DirectorySnapshotKeeper(
                    new DirectorySnapshotFile(file),
                    new DirectorySnapshots(directory, offsets, updater),
                    directory,
                    readiness,
                    Clock.systemUTC(),
                    Duration.ofSeconds(10));
        }
    }
}
