package io.dbaas.nebula.backup.storage;

import io.dbaas.nebula.config.BackupStorage;
import io.dbaas.nebula.config.BackupStorageType;
import io.dbaas.nebula.region.Region;
import io.dbaas.nebula.region.RegionId;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.LegacyMd5Plugin;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * One S3 client (and pre-signer) per region whose backup storage is S3 or S3-compatible, built on first use. The
 * region's Secret is read at every use: when its access key pair changed, the region's client is built again with
 * the new one, so a rotated key needs no restart.
 */
@Component
class S3Stores implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(S3Stores.class);

    /**
     * What requests are signed for when the region's setting leaves it empty: S3-compatible stores mostly accept any
     * region, and the client follows Amazon S3's redirects to a bucket's own region (the pre-signer cannot: set
     * {@code region} for Amazon S3).
     */
    private static final String DEFAULT_SIGNING_REGION = "us-east-1";

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(60);

    private final StorageCredentials credentials;
    private final Map<RegionId, Built> stores = new ConcurrentHashMap<>();

    S3Stores(StorageCredentials credentials) {
        this.credentials = credentials;
    }

    /**
     * The region's store, with the credentials its Secret holds now.
     *
     * @throws BackupStorageException when the region has no S3 storage, or its credentials cannot be read (a {@link
     *     BackupStorageUnavailableException} when that may pass)
     */
    S3Store of(Region region) {
        BackupStorage storage = region.properties().backupStorage();
        if (storage == null) {
            throw new BackupStorageException("Region " + region.id() + " names no backup storage.");
        }
        if (storage.type() != BackupStorageType.S3) {
            throw new BackupStorageException("The backup storage of " + region.id() + " is "
                    + storage.type().id() + " storage; Nebula reaches S3-compatible storage only.");
        }
        AwsCredentials current = credentials.of(region, storage);
        return stores.compute(region.id(), (id, built) -> {
                    if (built != null && built.holds(storage, current)) {
                        return built;
                    }
                    if (built != null) {
                        log.info("The backup storage of {}: new settings or credentials, a new client", id);
                        built.close();
                    }
                    return new Built(storage, current, build(id, storage, current));
                })
                .store();
    }

    private static S3Store build(RegionId region, BackupStorage storage, AwsCredentials credentials) {
        AwsCredentialsProvider provider = StaticCredentialsProvider.create(credentials);
        software.amazon.awssdk.regions.Region signingRegion = software.amazon.awssdk.regions.Region.of(
                storage.region().isEmpty() ? DEFAULT_SIGNING_REGION : storage.region());
        S3ClientBuilder client = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(ATTEMPT_TIMEOUT))
                .overrideConfiguration(override -> override.apiCallAttemptTimeout(ATTEMPT_TIMEOUT))
                .credentialsProvider(provider)
                .region(signingRegion);
        S3Presigner.Builder presigner =
                S3Presigner.builder().credentialsProvider(provider).region(signingRegion);
        if (storage.s3Compatible()) {
            URI endpoint = URI.create(storage.endpoint());
            // S3-compatible stores (MinIO, Ceph RGW, …) expect path-style requests, and many still check the MD5
            // digests older clients sent rather than the CRC checksums the SDK adds by default since 2.30.
            client.endpointOverride(endpoint)
                    .forcePathStyle(true)
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                    .addPlugin(LegacyMd5Plugin.create());
            presigner
                    .endpointOverride(endpoint)
                    .serviceConfiguration(S3Configuration.builder()
                            .pathStyleAccessEnabled(true)
                            .build());
        } else {
            client.crossRegionAccessEnabled(true);
        }
        return new S3Store(region, storage, client.build(), presigner.build());
    }

    @Override
    public void destroy() {
        stores.values().forEach(Built::close);
        stores.clear();
    }

    /** A store with what it was built from, to tell when the Secret or the settings changed. */
    private record Built(BackupStorage storage, AwsCredentials credentials, S3Store store) {

        boolean holds(BackupStorage settings, AwsCredentials current) {
            return storage.equals(settings)
                    && credentials.accessKeyId().equals(current.accessKeyId())
                    && credentials.secretAccessKey().equals(current.secretAccessKey());
        }

        /** A request still running on the old client fails as unreachable and is tried again with the new one. */
        void close() {
            store.client().close();
            store.presigner().close();
        }

        /** The credentials stay out of any rendering of this record. */
        @Override
        public String toString() {
            return "Built[" + store.region() + "]";
        }
    }
}
