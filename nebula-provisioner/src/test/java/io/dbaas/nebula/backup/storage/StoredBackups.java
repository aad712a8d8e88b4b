package io.dbaas.nebula.backup.storage;

import io.dbaas.nebula.config.BackupStorage;
import io.dbaas.nebula.config.BackupStorageType;
import io.dbaas.nebula.config.TestBackupStorage;
import io.dbaas.nebula.config.TestRegions;
import io.dbaas.nebula.kubernetes.model.SecretEntries;
import io.dbaas.nebula.kubernetes.region.RegionClients;
import io.dbaas.nebula.region.Region;
import io.dbaas.nebula.region.RegionId;
import io.dbaas.nebula.support.S3ProxyServer;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.domain.PageSet;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.jclouds.blobstore.options.ListContainerOptions;

/**
 * A region whose backup storage is a fresh bucket of the test JVM's S3 server, its credentials Secret in a fabric8
 * mock API server, and the objects of that bucket. Each test gets its own bucket, so none sees another's objects.
 */
final class StoredBackups {

    static final String PREFIX = "eu-west";

    final String bucket =
            "backups-" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
    private final KubernetesClient kubernetes;
    private final BlobStore blobs = S3ProxyServer.blobStore();

    StoredBackups(KubernetesClient kubernetes) {
        this.kubernetes = kubernetes;
        blobs.createContainerInLocation(null, bucket);
        credentials(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY);
    }

    /** The region's backup storage: this bucket, through the server's endpoint, under {@link #PREFIX}. */
    BackupStorage s3() {
        return s3At(S3ProxyServer.endpoint(), bucket);
    }

    BackupStorage s3At(String endpoint, String bucketName) {
        return new BackupStorage(
                BackupStorageType.S3,
                bucketName,
                endpoint,
                "us-east-1",
                PREFIX,
                TestBackupStorage.SECRET,
                TestBackupStorage.SECRET_NAMESPACE);
    }

    Region region(BackupStorage storage) {
        return new Region(
                new RegionId("minikube", "local"),
                TestRegions.region()
                        .apiUrl(kubernetes.getMasterUrl().toString())
                        .backupStorage(storage)
                        .build());
    }

    Region regionWithoutBackupStorage() {
        return new Region(
                new RegionId("minikube", "local"),
                TestRegions.region()
                        .apiUrl(kubernetes.getMasterUrl().toString())
                        .build());
    }

    /** Nebula's access to the region's stores, as the application wires it. */
    S3Stores stores(RegionClients clients) {
        return new S3Stores(new StorageCredentials(clients));
    }

    /** The region's credentials Secret, holding these entries (as {@code data}, like the API server keeps them). */
    void credentials(String accessKey, String secretKey) {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put(BackupStorageType.ACCESS_KEY, accessKey);
        entries.put(BackupStorageType.SECRET_KEY, secretKey);
        secret(entries);
    }

    void secret(Map<String, String> entries) {
        Map<String, String> data = new LinkedHashMap<>();
        entries.forEach((entry, value) -> data.put(entry, SecretEntries.encode(value)));
        kubernetes
                .secrets()
                .resource(new SecretBuilder()
                        .withNewMetadata()
                        .withName(TestBackupStorage.SECRET)
                        .withNamespace(TestBackupStorage.SECRET_NAMESPACE)
                        .endMetadata()
                        .withData(data)
                        .build())
                .createOr(existing -> existing.update());
    }

    void deleteSecret() {
        kubernetes
                .secrets()
                .inNamespace(TestBackupStorage.SECRET_NAMESPACE)
                .withName(TestBackupStorage.SECRET)
                .delete();
    }

    /** The path of a cluster's backups in this region: {@code eu-west/accounts/<account>/clusters/<cluster>}. */
    static String basePath(UUID account, UUID cluster) {
        return PREFIX + "/accounts/" + account + "/clusters/" + cluster;
    }

    void put(String key, String content) {
        blobs.putBlob(
                bucket,
                blobs.blobBuilder(key)
                        .payload(content.getBytes(StandardCharsets.UTF_8))
                        .build());
    }

    /** Every key in the bucket, in order. */
    List<String> keys() {
        List<String> keys = new ArrayList<>();
        ListContainerOptions options = ListContainerOptions.Builder.recursive();
        while (true) {
            PageSet<? extends StorageMetadata> page = blobs.list(bucket, options);
            page.forEach(blob -> keys.add(blob.getName()));
            if (page.getNextMarker() == null) {
                return keys;
            }
            options = ListContainerOptions.Builder.recursive().afterMarker(page.getNextMarker());
        }
    }
}
