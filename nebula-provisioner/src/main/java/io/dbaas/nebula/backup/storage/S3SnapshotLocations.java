package io.dbaas.nebula.backup.storage;

import io.dbaas.contracts.backup.BackupSnapshot;
import io.dbaas.contracts.backup.RestoreSource;
import io.dbaas.nebula.config.BackupStorage;
import io.dbaas.nebula.kubernetes.model.ClusterBackupStorage;
import io.dbaas.nebula.region.Region;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;

/**
 * Pre-signed GET URLs of a backup's Qdrant snapshots, each checked to exist first, so that a restore fails at once
 * naming the snapshot that is missing rather than inside Qdrant. A URL carries a signature, not the secret key; it
 * grants reading that one object until it expires, which is why Nebula hands it only to the cluster restoring it.
 */
@Component
class S3SnapshotLocations implements SnapshotLocations {

    private final S3Stores stores;

    S3SnapshotLocations(S3Stores stores) {
        this.stores = stores;
    }

    @Override
    public List<URI> presignedSnapshotUrls(Region region, UUID accountId, RestoreSource source, Duration validFor) {
        S3Store store = stores.of(region);
        String basePath =
                ClusterBackupStorage.basePath(store.storage().pathPrefix(), accountId, source.sourceClusterId());
        return source.snapshots().stream()
                .map(snapshot -> url(store, basePath, source.backupId(), snapshot, validFor))
                .toList();
    }

    private static URI url(
            S3Store store, String basePath, String backupId, BackupSnapshot snapshot, Duration validFor) {
        requirePlainName(snapshot.collection(), backupId);
        requirePlainName(snapshot.snapshot(), backupId);
        String key = basePath + "/" + snapshot.collection() + "/" + snapshot.snapshot();
        requireObject(store, key, backupId, snapshot);
        PresignedGetObjectRequest signed;
        try {
            signed = store.presigner().presignGetObject(request -> request.signatureDuration(validFor)
                    .getObjectRequest(get -> get.bucket(store.bucket()).key(key)));
        } catch (SdkException e) {
            throw S3Failures.describe(store, "signing a URL for " + key, e);
        }
        return requireTransportTheOperatorChose(store.storage(), toUri(signed));
    }

    /** One path segment each: a slash or a dot segment could point the URL outside the source cluster's path. */
    private static void requirePlainName(String name, String backupId) {
        if (name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..")) {
            throw new BackupStorageException(
                    "backup " + backupId + " names a snapshot or collection '" + name + "' that is no plain name");
        }
    }

    private static void requireObject(S3Store store, String key, String backupId, BackupSnapshot snapshot) {
        try {
            store.client().headObject(request -> request.bucket(store.bucket()).key(key));
        } catch (NoSuchKeyException e) {
            throw missing(snapshot, backupId, e);
        } catch (S3Exception e) {
            // A HEAD answer has no body: a missing key is a bare 404.
            if (e.statusCode() == 404) {
                throw missing(snapshot, backupId, e);
            }
            throw S3Failures.describe(store, "looking for " + key, e);
        } catch (SdkException e) {
            throw S3Failures.describe(store, "looking for " + key, e);
        }
    }

    private static BackupStorageException missing(BackupSnapshot snapshot, String backupId, Exception cause) {
        return new BackupStorageException(
                "snapshot " + snapshot.collection() + "/" + snapshot.snapshot() + " of backup " + backupId
                        + " is not in the region's backup storage",
                cause);
    }

    /**
     * HTTPS, unless the region's operator set an {@code http://} endpoint: then the store answers nothing else, and
     * the operator has decided that traffic to it stays in a network they trust (the endpoint setting's documented
     * choice). Anything else would send a readable snapshot URL in the clear where nobody chose that.
     */
    private static URI requireTransportTheOperatorChose(BackupStorage storage, URI url) {
        String expected = storage.endpointProtocol();
        if (!expected.equals(url.getScheme())) {
            throw new BackupStorageException("A pre-signed URL of the backup storage came out as " + url.getScheme()
                    + " where the region's backup-storage asks for " + expected + "; none was handed out.");
        }
        return url;
    }

    private static URI toUri(PresignedGetObjectRequest signed) {
        try {
            return signed.url().toURI();
        } catch (URISyntaxException e) {
            // Without the cause: its message quotes the URL, signature included.
            throw new BackupStorageException("A pre-signed URL of the backup storage could not be read as a URI.");
        }
    }
}
