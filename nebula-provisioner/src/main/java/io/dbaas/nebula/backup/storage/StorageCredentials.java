package io.dbaas.nebula.backup.storage;

import io.dbaas.nebula.config.BackupStorage;
import io.dbaas.nebula.config.BackupStorageType;
import io.dbaas.nebula.kubernetes.model.SecretEntries;
import io.dbaas.nebula.kubernetes.region.FailureClassifier;
import io.dbaas.nebula.kubernetes.region.KubernetesFailures;
import io.dbaas.nebula.kubernetes.region.RegionClients;
import io.dbaas.nebula.kubernetes.region.RegionConnection;
import io.dbaas.nebula.kubernetes.region.RegionUnavailableException;
import io.dbaas.nebula.region.Region;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;

/**
 * Reads the access key pair of a region's S3 backup storage from the Secret its {@code backup-storage} names, in the
 * region's Kubernetes cluster, each time it is asked, so that a rotated key is used from the next operation on. The
 * pair lives in memory only; every message here names the Secret and its entries, never a value, and never repeats
 * what the API server said about a Secret.
 */
@Component
class StorageCredentials {

    private static final List<String> ENTRIES = BackupStorageType.S3.requiredEntries();

    private final RegionClients clients;

    StorageCredentials(RegionClients clients) {
        this.clients = clients;
    }

    /**
     * The region's access key pair.
     *
     * @throws BackupStorageUnavailableException when the Secret cannot be read, is missing or lacks an entry: the
     *     region's operator fixes that without a new command, so it is worth trying again
     * @throws BackupStorageException when Nebula may not read the Secret
     */
    AwsCredentials of(Region region, BackupStorage storage) {
        String source = storage.credentialsNamespace() + "/" + storage.credentialsSecret();
        Secret secret = read(region, storage, source);
        if (secret == null) {
            throw new BackupStorageUnavailableException(
                    "Secret %s, named by the backup-storage of %s, does not exist in the region's Kubernetes cluster;"
                                    .formatted(source, region.id())
                            + " create it with the entries " + String.join(", ", ENTRIES) + ".");
        }
        Optional<String> accessKey = entry(secret, BackupStorageType.ACCESS_KEY);
        Optional<String> secretKey = entry(secret, BackupStorageType.SECRET_KEY);
        if (accessKey.isEmpty() || secretKey.isEmpty()) {
            throw new BackupStorageUnavailableException(
                    "Secret %s, named by the backup-storage of %s, cannot be used: it needs the entries %s."
                            .formatted(source, region.id(), String.join(", ", ENTRIES)));
        }
        return AwsBasicCredentials.create(accessKey.get(), secretKey.get());
    }

    private @Nullable Secret read(Region region, BackupStorage storage, String source) {
        RegionConnection connection;
        try {
            connection = clients.connect(region);
        } catch (RegionUnavailableException e) {
            throw new BackupStorageUnavailableException(
                    "Nebula cannot read Secret " + source + " of " + region.id() + ": " + e.getMessage(), e);
        }
        try {
            return connection
                    .client()
                    .secrets()
                    .inNamespace(storage.credentialsNamespace())
                    .withName(storage.credentialsSecret())
                    .get();
        } catch (KubernetesClientException e) {
            throw failed(connection, source, e);
        }
    }

    /** The API server's own message is left out: about a Secret, it may quote what was sent or stored. */
    private static BackupStorageException failed(
            RegionConnection connection, String source, KubernetesClientException failure) {
        String what = connection.apiDescription() + " could not be asked for Secret " + source;
        if (failure.getCode() <= 0) {
            return new BackupStorageUnavailableException(
                    what + ": " + KubernetesFailures.networkProblem(failure) + ".", failure);
        }
        String answered = what + ": it answered " + failure.getCode() + ".";
        if (FailureClassifier.classify(failure).isTransient()) {
            return new BackupStorageUnavailableException(answered, failure);
        }
        return new BackupStorageException(
                answered + " Nebula's service account needs get on that Secret (the chart's region RBAC grants it).",
                failure);
    }

    /** An empty entry is no credential, as for the copy in each cluster's namespace. */
    private static Optional<String> entry(Secret secret, String entry) {
        return SecretEntries.read(secret, entry).filter(value -> !value.isBlank());
    }
}
