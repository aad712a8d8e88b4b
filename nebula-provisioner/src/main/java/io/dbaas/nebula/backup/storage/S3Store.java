package io.dbaas.nebula.backup.storage;

import io.dbaas.nebula.config.BackupStorage;
import io.dbaas.nebula.region.RegionId;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * A region's S3 backup storage as Nebula reaches it: the settings, and a client and a pre-signer holding the access
 * key pair read from the region's Secret.
 *
 * @param region the region whose store this is
 * @param storage the region's {@code backup-storage}
 * @param client the S3 client, for listing, checking and deleting objects
 * @param presigner signs GET URLs that others (Qdrant) use without credentials
 */
record S3Store(RegionId region, BackupStorage storage, S3Client client, S3Presigner presigner) {

    String bucket() {
        return storage.bucket();
    }

    /** How messages name the store: the region, the bucket and, for S3-compatible stores, the endpoint. */
    String description() {
        return "the backup storage of " + region + " (bucket " + storage.bucket()
                + (storage.endpoint().isEmpty() ? "" : " at " + storage.endpoint()) + ")";
    }

    /** {@link #description()} at the start of a sentence. */
    String subject() {
        return "T" + description().substring(1);
    }
}
