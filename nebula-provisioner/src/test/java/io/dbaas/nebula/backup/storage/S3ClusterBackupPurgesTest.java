package io.dbaas.nebula.backup.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dbaas.nebula.config.BackupStorageType;
import io.dbaas.nebula.config.TestBackupStorage;
import io.dbaas.nebula.infrastructure.InfrastructureException;
import io.dbaas.nebula.kubernetes.region.RegionClients;
import io.dbaas.nebula.region.Region;
import io.dbaas.nebula.support.MockKubernetesApi;
import io.dbaas.nebula.support.S3ProxyServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Purging a deleted cluster's backups from a real S3 server (S3Proxy in the test JVM), the region's credentials read
 * from its Secret in a mock Kubernetes API: exactly the cluster's objects go, whatever their number, and no credential
 * shows in a message or a log line.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class S3ClusterBackupPurgesTest {

    private static final String WRONG_SECRET_KEY = "wrong-Secret/Key+never-shown-anywhere-000";

    KubernetesClient client;

    private final UUID account = UUID.randomUUID();
    private final UUID cluster = UUID.randomUUID();
    private final RegionClients clients = new RegionClients(event -> {});
    private StoredBackups backups;
    private S3ClusterBackupPurges purges;
    private ClientLogs logs;

    @BeforeEach
    void regionWithS3Storage() {
        backups = new StoredBackups(client);
        purges = new S3ClusterBackupPurges(backups.stores(clients));
        logs = ClientLogs.capture();
    }

    @AfterEach
    void noCredentialWasLogged() {
        logs.close();
        clients.destroy();
        assertThat(logs.lines())
                .noneMatch(line -> line.contains(S3ProxyServer.SECRET_KEY)
                        || line.contains(S3ProxyServer.ACCESS_KEY)
                        || line.contains(WRONG_SECRET_KEY));
    }

    @Test
    void everyObjectOfTheClusterGoesAcrossPagesAndNothingElse() {
        String own = StoredBackups.basePath(account, cluster);
        List<String> ownKeys = IntStream.range(0, 2_345)
                .mapToObj(i -> own + "/collection-" + (i % 7) + "/snapshot-" + i + ".snapshot")
                .toList();
        ownKeys.forEach(key -> backups.put(key, "data"));
        List<String> neighbours = neighboursOf(account, cluster);
        neighbours.forEach(key -> backups.put(key, "keep"));

        long deleted = purges.purge(backups.region(backups.s3()), account, cluster);

        assertThat(deleted).isEqualTo(2_345);
        assertThat(backups.keys()).containsExactlyInAnyOrderElementsOf(neighbours);
    }

    @Test
    void aSecondPurgeFindsNothingAndStillLeavesTheNeighbours() {
        backups.put(StoredBackups.basePath(account, cluster) + "/index-0", "data");
        List<String> neighbours = neighboursOf(account, cluster);
        neighbours.forEach(key -> backups.put(key, "keep"));
        Region region = backups.region(backups.s3());

        long first = purges.purge(region, account, cluster);
        long second = purges.purge(region, account, cluster);

        assertThat(first).isEqualTo(1);
        assertThat(second).isZero();
        assertThat(backups.keys()).containsExactlyInAnyOrderElementsOf(neighbours);
    }

    @Test
    void aClusterWithoutBackupsIsPurgedWithNone() {
        assertThat(purges.purge(backups.region(backups.s3()), account, cluster)).isZero();
    }

    @Test
    void aRotatedKeyIsUsedAtTheNextPurgeWithoutARestart() {
        Region region = backups.region(backups.s3());
        backups.credentials(S3ProxyServer.ACCESS_KEY, WRONG_SECRET_KEY);
        InfrastructureException refused =
                catchThrowableOfType(InfrastructureException.class, () -> purges.purge(region, account, cluster));
        backups.put(StoredBackups.basePath(account, cluster) + "/index-0", "data");

        backups.credentials(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY);

        assertThat(refused.isTransient()).isFalse();
        assertThat(refused.reason())
                .startsWith("The backup storage of minikube/local (bucket " + backups.bucket + " at "
                        + S3ProxyServer.endpoint() + ") answered 403 SignatureDoesNotMatch when listing "
                        + StoredBackups.basePath(account, cluster) + "/.")
                .contains("s3:ListBucket", "s3:DeleteObject");
        assertThat(ClientLogs.messages(refused))
                .noneMatch(message -> message.contains(WRONG_SECRET_KEY) || message.contains(S3ProxyServer.ACCESS_KEY));
        assertThat(purges.purge(region, account, cluster)).isEqualTo(1);
    }

    @Test
    void aMissingSecretWaitsForTheOperatorAndNamesTheSecretAndItsEntries() {
        backups.deleteSecret();

        InfrastructureException failure = catchThrowableOfType(
                InfrastructureException.class, () -> purges.purge(backups.region(backups.s3()), account, cluster));

        assertThat(failure.isTransient()).isTrue();
        assertThat(failure.reason())
                .isEqualTo("Secret dbaas/backup-creds, named by the backup-storage of minikube/local, does not exist"
                        + " in the region's Kubernetes cluster; create it with the entries access-key, secret-key.");
    }

    @Test
    void aSecretWithAnEmptyEntryIsNotTakenForCredentials() {
        backups.secret(
                Map.of(BackupStorageType.ACCESS_KEY, S3ProxyServer.ACCESS_KEY, BackupStorageType.SECRET_KEY, " "));

        InfrastructureException failure = catchThrowableOfType(
                InfrastructureException.class, () -> purges.purge(backups.region(backups.s3()), account, cluster));

        assertThat(failure.isTransient()).isTrue();
        assertThat(failure.reason())
                .isEqualTo("Secret dbaas/backup-creds, named by the backup-storage of minikube/local, cannot be used:"
                        + " it needs the entries access-key, secret-key.")
                .doesNotContain(S3ProxyServer.ACCESS_KEY);
    }

    @Test
    void anUnreachableStoreIsWorthTryingAgain() {
        String closed = "http://127.0.0.1:" + MockKubernetesApi.closedPort();

        InfrastructureException failure = catchThrowableOfType(
                InfrastructureException.class,
                () -> purges.purge(backups.region(backups.s3At(closed, backups.bucket)), account, cluster));

        assertThat(failure.isTransient()).isTrue();
        assertThat(failure.reason())
                .isEqualTo("The backup storage of minikube/local (bucket " + backups.bucket + " at " + closed
                        + ") did not answer when listing " + StoredBackups.basePath(account, cluster)
                        + "/: connection refused.");
    }

    @Test
    void aBucketThatDoesNotExistIsAPermanentFailure() {
        InfrastructureException failure = catchThrowableOfType(
                InfrastructureException.class,
                () -> purges.purge(
                        backups.region(backups.s3At(S3ProxyServer.endpoint(), "no-such-bucket")), account, cluster));

        assertThat(failure.isTransient()).isFalse();
        assertThat(failure.reason())
                .contains("answered 404 NoSuchBucket when listing")
                .endsWith("Check the bucket's name and the endpoint in the region's backup-storage.");
    }

    @Test
    void storageNebulaCannotPurgeYetIsRefusedSayingNothingWasDeleted() {
        for (var storage : List.of(TestBackupStorage.gcs(), TestBackupStorage.azure())) {
            InfrastructureException failure = catchThrowableOfType(
                    InfrastructureException.class, () -> purges.purge(backups.region(storage), account, cluster));

            assertThat(failure.isTransient()).isFalse();
            assertThat(failure.reason())
                    .isEqualTo("Purging backups from " + storage.type().id()
                            + " storage is not supported yet; nothing was deleted.");
        }
    }

    @Test
    void aRegionWithoutBackupStorageIsRefusedNotTakenAsPurged() {
        InfrastructureException failure = catchThrowableOfType(
                InfrastructureException.class,
                () -> purges.purge(backups.regionWithoutBackupStorage(), account, cluster));

        assertThat(failure.isTransient()).isFalse();
        assertThat(failure.reason())
                .isEqualTo("Region minikube/local names no backup storage, so Nebula cannot reach the cluster's"
                        + " backups to purge them; nothing was deleted.");
    }

    /**
     * Objects that must survive a purge of {@code cluster}: a cluster whose path merely starts with its path, an
     * object named like the path itself, the same cluster id under another account, another cluster of the same
     * account, and the same path outside the region's prefix.
     */
    private static List<String> neighboursOf(UUID account, UUID cluster) {
        String own = StoredBackups.basePath(account, cluster);
        List<String> keys = new ArrayList<>();
        keys.add(own + "0/collection/snapshot");
        keys.add(own + "-restored/index-0");
        keys.add(own);
        keys.add(StoredBackups.basePath(UUID.randomUUID(), cluster) + "/index-0");
        keys.add(StoredBackups.basePath(account, UUID.randomUUID()) + "/index-0");
        keys.add("accounts/" + account + "/clusters/" + cluster + "/index-0");
        return keys;
    }
}
