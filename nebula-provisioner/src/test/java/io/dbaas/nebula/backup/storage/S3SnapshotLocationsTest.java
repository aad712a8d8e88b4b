package io.dbaas.nebula.backup.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dbaas.contracts.backup.BackupIds;
import io.dbaas.contracts.backup.BackupSnapshot;
import io.dbaas.contracts.backup.RestoreSource;
import io.dbaas.nebula.config.TestBackupStorage;
import io.dbaas.nebula.kubernetes.region.RegionClients;
import io.dbaas.nebula.region.Region;
import io.dbaas.nebula.support.S3ProxyServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pre-signed URLs of a backup's Qdrant snapshots in a real S3 server (S3Proxy in the test JVM): a plain HTTP GET with
 * no credential reads each snapshot's bytes, until the URL expires; a forged signature reads nothing; a snapshot the
 * store does not hold is named in the failure.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class S3SnapshotLocationsTest {

    private static final Duration TEN_MINUTES = Duration.ofMinutes(10);

    KubernetesClient client;

    private final HttpClient http = HttpClient.newHttpClient();
    private final UUID account = UUID.randomUUID();
    private final UUID source = UUID.randomUUID();
    private final String backupId = BackupIds.scheduled(source, Instant.parse("2026-12-07T03:00:00Z"));
    private final RegionClients clients = new RegionClients(event -> {});
    private StoredBackups backups;
    private S3Stores stores;
    private S3SnapshotLocations locations;
    private ClientLogs logs;

    @BeforeEach
    void regionWithS3Storage() {
        backups = new StoredBackups(client);
        stores = backups.stores(clients);
        locations = new S3SnapshotLocations(stores);
        logs = ClientLogs.capture();
    }

    @AfterEach
    void noCredentialWasLogged() {
        logs.close();
        clients.destroy();
        assertThat(logs.lines())
                .noneMatch(line -> line.contains(S3ProxyServer.SECRET_KEY) || line.contains(S3ProxyServer.ACCESS_KEY));
    }

    @Test
    void eachUrlReadsItsSnapshotsBytesWithoutCredentialsInOrder() throws Exception {
        String path = StoredBackups.basePath(account, source);
        backups.put(path + "/vectors/vectors-0-2026-12-07.snapshot", "snapshot of vectors on node 0");
        backups.put(path + "/articles/articles-1-2026-12-07.snapshot", "snapshot of articles on node 1");

        List<URI> urls = locations.presignedSnapshotUrls(
                backups.region(backups.s3()),
                account,
                source(
                        snapshot(0, "vectors", "vectors-0-2026-12-07.snapshot"),
                        snapshot(1, "articles", "articles-1-2026-12-07.snapshot")),
                TEN_MINUTES);

        assertThat(urls).hasSize(2);
        assertThat(get(urls.get(0))).satisfies(answer -> {
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo("snapshot of vectors on node 0");
        });
        assertThat(get(urls.get(1)).body()).isEqualTo("snapshot of articles on node 1");
        // The store's endpoint is http: the operator chose it, so the URL follows it.
        assertThat(urls).allSatisfy(url -> assertThat(url.toString())
                .startsWith(S3ProxyServer.endpoint() + "/" + backups.bucket + "/" + path + "/")
                .doesNotContain(S3ProxyServer.SECRET_KEY));
    }

    @Test
    void aUrlReadsNothingOnceExpiredWhileALongerOneStillReads() throws Exception {
        backups.put(StoredBackups.basePath(account, source) + "/vectors/v.snapshot", "bytes");
        Region region = backups.region(backups.s3());
        RestoreSource restore = source(snapshot(0, "vectors", "v.snapshot"));

        URI shortLived = locations
                .presignedSnapshotUrls(region, account, restore, Duration.ofSeconds(1))
                .getFirst();
        URI longLived = locations
                .presignedSnapshotUrls(region, account, restore, TEN_MINUTES)
                .getFirst();

        Awaitility.await("the short-lived URL expired")
                .atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> get(shortLived).statusCode() == 403);
        assertThat(get(longLived).statusCode()).isEqualTo(200);
    }

    @Test
    void aUrlWithAForgedSignatureReadsNothing() throws Exception {
        backups.put(StoredBackups.basePath(account, source) + "/vectors/v.snapshot", "bytes");
        URI signed = locations
                .presignedSnapshotUrls(
                        backups.region(backups.s3()),
                        account,
                        source(snapshot(0, "vectors", "v.snapshot")),
                        TEN_MINUTES)
                .getFirst();
        String signature = signed.getQuery().replaceAll(".*X-Amz-Signature=([0-9a-f]+).*", "$1");
        String forged = signature.substring(0, signature.length() - 1) + (signature.endsWith("0") ? "1" : "0");

        HttpResponse<String> answer = get(URI.create(signed.toString().replace(signature, forged)));

        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.body()).doesNotContain("bytes");
    }

    @Test
    void aSnapshotTheStoreDoesNotHoldIsNamedAndNoUrlIsGiven() {
        backups.put(StoredBackups.basePath(account, source) + "/vectors/v.snapshot", "bytes");

        BackupStorageException failure = catchThrowableOfType(
                BackupStorageException.class,
                () -> locations.presignedSnapshotUrls(
                        backups.region(backups.s3()),
                        account,
                        source(snapshot(0, "vectors", "v.snapshot"), snapshot(1, "articles", "gone.snapshot")),
                        TEN_MINUTES));

        assertThat(failure)
                .isNotInstanceOf(BackupStorageUnavailableException.class)
                .hasMessage("snapshot articles/gone.snapshot of backup " + backupId
                        + " is not in the region's backup storage");
    }

    @Test
    void aSnapshotOfAnotherAccountsClusterIsNotFoundUnderThisAccount() {
        backups.put(StoredBackups.basePath(UUID.randomUUID(), source) + "/vectors/v.snapshot", "bytes");

        BackupStorageException failure = catchThrowableOfType(
                BackupStorageException.class,
                () -> locations.presignedSnapshotUrls(
                        backups.region(backups.s3()),
                        account,
                        source(snapshot(0, "vectors", "v.snapshot")),
                        TEN_MINUTES));

        assertThat(failure).hasMessageContaining("snapshot vectors/v.snapshot of backup " + backupId + " is not in");
    }

    @Test
    void aNameThatWouldLeaveTheClustersPathIsRefused() {
        BackupStorageException failure = catchThrowableOfType(
                BackupStorageException.class,
                () -> locations.presignedSnapshotUrls(
                        backups.region(backups.s3()), account, source(snapshot(0, "..", "v.snapshot")), TEN_MINUTES));

        assertThat(failure)
                .hasMessage("backup " + backupId + " names a snapshot or collection '..' that is no plain name");
    }

    @Test
    void aWrongSecretKeyIsReportedWithoutTheKey() {
        String wrong = "wrong-Secret/Key+for-signing-0000000000";
        backups.credentials(S3ProxyServer.ACCESS_KEY, wrong);
        backups.put(StoredBackups.basePath(account, source) + "/vectors/v.snapshot", "bytes");

        BackupStorageException failure = catchThrowableOfType(
                BackupStorageException.class,
                () -> locations.presignedSnapshotUrls(
                        backups.region(backups.s3()),
                        account,
                        source(snapshot(0, "vectors", "v.snapshot")),
                        TEN_MINUTES));

        assertThat(failure).hasMessageContaining("answered 403");
        assertThat(ClientLogs.messages(failure))
                .noneMatch(message -> message.contains(wrong) || message.contains(S3ProxyServer.ACCESS_KEY));
    }

    @Test
    void aRegionWithoutS3StorageSaysSo() {
        assertThat(catchThrowableOfType(
                        BackupStorageException.class,
                        () -> locations.presignedSnapshotUrls(
                                backups.region(TestBackupStorage.gcs()), account, source(), TEN_MINUTES)))
                .hasMessage("The backup storage of minikube/local is gcs storage; Nebula reaches S3-compatible storage"
                        + " only.");
        assertThat(catchThrowableOfType(
                        BackupStorageException.class,
                        () -> locations.presignedSnapshotUrls(
                                backups.regionWithoutBackupStorage(), account, source(), TEN_MINUTES)))
                .hasMessage("Region minikube/local names no backup storage.");
    }

    @Test
    void amazonS3UrlsAreHttps() {
        var presigned = stores.of(backups.region(TestBackupStorage.amazonS3()))
                .presigner()
                .presignGetObject(request -> request.signatureDuration(TEN_MINUTES)
                        .getObjectRequest(get -> get.bucket("dbaas-backups").key("accounts/a/clusters/c/x")));

        assertThat(presigned.url().toString())
                .startsWith("https://dbaas-backups.s3.eu-central-1.amazonaws.com/accounts/a/clusters/c/x?");
    }

    private RestoreSource source(BackupSnapshot... snapshots) {
        return new RestoreSource(source, backupId, List.of(snapshots));
    }

    private static BackupSnapshot snapshot(int node, String collection, String name) {
        return new BackupSnapshot(node, collection, name, 5, "0".repeat(64));
    }

    private HttpResponse<String> get(URI url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
