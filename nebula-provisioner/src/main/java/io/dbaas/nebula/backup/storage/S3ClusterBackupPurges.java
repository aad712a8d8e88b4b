package io.dbaas.nebula.backup.storage;

import io.dbaas.nebula.config.BackupStorage;
import io.dbaas.nebula.config.BackupStorageType;
import io.dbaas.nebula.infrastructure.InfrastructureException;
import io.dbaas.nebula.kubernetes.model.ClusterBackupStorage;
import io.dbaas.nebula.region.Region;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Purges a cluster's path in S3 or S3-compatible storage: lists it a page at a time and deletes each page (at most
 * 1,000 keys, the most one DeleteObjects takes). The listing's prefix ends with a slash, so a cluster whose id
 * another's merely starts with, or another account's cluster, is never touched; each key is checked against it again
 * before it is deleted. Needs {@code s3:ListBucket} and {@code s3:DeleteObject}.
 */
@Component
class S3ClusterBackupPurges implements ClusterBackupPurges {

    private static final Logger log = LoggerFactory.getLogger(S3ClusterBackupPurges.class);

    /** What S3 lists per page and deletes per request at most. */
    static final int PAGE_SIZE = 1000;

    /** Per-key error codes of DeleteObjects that say the store is busy or failing, not that the key is refused. */
    private static final Set<String> PASSING_ERRORS = Set.of("InternalError", "ServiceUnavailable", "SlowDown");

    private final S3Stores stores;

    S3ClusterBackupPurges(S3Stores stores) {
        this.stores = stores;
    }

    @Override
    public long purge(Region region, UUID accountId, UUID clusterId) {
        BackupStorage storage = region.properties().backupStorage();
        if (storage == null) {
            throw new InfrastructureException(
                    "Region " + region.id() + " names no backup storage, so Nebula cannot reach the cluster's backups"
                            + " to purge them; nothing was deleted.",
                    false);
        }
        if (storage.type() != BackupStorageType.S3) {
            // Not built yet: saying "purged" would leave the backups in the store with nobody knowing.
            throw new InfrastructureException(
                    "Purging backups from " + storage.type().id()
                            + " storage is not supported yet; nothing was deleted.",
                    false);
        }
        String prefix = ClusterBackupStorage.basePath(storage.pathPrefix(), accountId, clusterId) + "/";
        try {
            S3Store store = stores.of(region);
            long deleted = purge(store, prefix);
            log.info("Cluster {}: {} objects of its backups purged from {}", clusterId, deleted, store.description());
            return deleted;
        } catch (BackupStorageException failure) {
            throw new InfrastructureException(
                    failure.getMessage() == null ? "The backup storage failed." : failure.getMessage(),
                    failure instanceof BackupStorageUnavailableException,
                    failure);
        }
    }

    private static long purge(S3Store store, String prefix) {
        long deleted = 0;
        @Nullable String token = null;
        do {
            ListObjectsV2Response page = list(store, prefix, token);
            List<ObjectIdentifier> keys = page.contents().stream()
                    .map(S3Object::key)
                    .filter(key -> key.startsWith(prefix))
                    .map(key -> ObjectIdentifier.builder().key(key).build())
                    .toList();
            if (!keys.isEmpty()) {
                delete(store, prefix, keys);
                deleted += keys.size();
            }
            token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (token != null);
        return deleted;
    }

    private static ListObjectsV2Response list(S3Store store, String prefix, @Nullable String token) {
        try {
            return store.client().listObjectsV2(request -> request.bucket(store.bucket())
                    .prefix(prefix)
                    .maxKeys(PAGE_SIZE)
                    .continuationToken(token));
        } catch (SdkException e) {
            throw S3Failures.describe(store, "listing " + prefix, e);
        }
    }

    private static void delete(S3Store store, String prefix, List<ObjectIdentifier> keys) {
        DeleteObjectsResponse response;
        try {
            response = store.client().deleteObjects(request -> request.bucket(store.bucket())
                    .delete(delete -> delete.objects(keys).quiet(true)));
        } catch (SdkException e) {
            throw S3Failures.describe(store, "deleting objects under " + prefix, e);
        }
        if (!response.errors().isEmpty()) {
            S3Error first = response.errors().getFirst();
            // The per-key message is the store's own text; its code says enough, and stays free of anything signed.
            String refused = store.subject() + " refused to delete "
                    + response.errors().size() + " of " + keys.size() + " objects under " + prefix + " (" + first.code()
                    + " for " + first.key() + ").";
            throw PASSING_ERRORS.contains(first.code())
                    ? new BackupStorageUnavailableException(refused)
                    : new BackupStorageException(refused);
        }
    }
}
