package io.dbaas.nebula.kubernetes.model;

import io.dbaas.nebula.config.BackupStorageType;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.ArrayList;
import java.util.List;

/**
 * A Qdrant cluster's side of its region's backup storage: Qdrant's own S3 snapshot storage ({@code
 * storage.snapshots_config}, Qdrant 1.10 and later), which supports S3-compatible stores only. The access key pair
 * reaches the node through {@code secretKeyRef}s to the cluster's copy of the region's Secret, never as a value.
 *
 * <p>Qdrant names a snapshot's object after the snapshot's local path with a leading {@code ./} removed. So the
 * snapshots directory is the relative path {@code ./<base path>} (Qdrant's working directory is {@code /qdrant}),
 * with the snapshots volume mounted there: every object of this cluster lands under its own base path, never beside
 * another cluster's.
 *
 * @param backup the cluster's place in the store; of type S3 (others are refused before rendering)
 */
record QdrantBackupStorage(ClusterBackupStorage backup) {

    private static final String SETTINGS = "QDRANT__STORAGE__SNAPSHOTS_CONFIG__";
    private static final String S3 = SETTINGS + "S3_CONFIG__";

    /** Qdrant's working directory in its image, against which a relative snapshots path resolves. */
    static final String WORKING_DIRECTORY = "/qdrant";

    QdrantBackupStorage {
        if (backup.storage().type() != BackupStorageType.S3) {
            throw new IllegalArgumentException("Qdrant stores snapshots in S3-compatible storage only");
        }
    }

    /** Qdrant's {@code storage.snapshots_path}, relative so that it becomes the objects' key prefix. */
    String snapshotsPath() {
        return "./" + backup.basePath();
    }

    /** Where the snapshots volume is mounted: {@link #snapshotsPath()} as the container sees it. */
    String snapshotsMountPath() {
        return WORKING_DIRECTORY + "/" + backup.basePath();
    }

    /** The snapshot storage settings; the access key pair only by reference to the cluster's copy of the Secret. */
    List<EnvVar> environment() {
        List<EnvVar> environment = new ArrayList<>();
        environment.add(env(SETTINGS + "SNAPSHOTS_STORAGE", "s3"));
        environment.add(env(S3 + "BUCKET", backup.storage().bucket()));
        if (!backup.storage().region().isEmpty()) {
            environment.add(env(S3 + "REGION", backup.storage().region()));
        }
        if (!backup.storage().endpoint().isEmpty()) {
            environment.add(env(S3 + "ENDPOINT_URL", backup.storage().endpoint()));
        }
        environment.add(secret(S3 + "ACCESS_KEY", BackupStorageType.ACCESS_KEY));
        environment.add(secret(S3 + "SECRET_KEY", BackupStorageType.SECRET_KEY));
        return environment;
    }

    private static EnvVar env(String name, String value) {
        return EnvVars.value(name, value);
    }

    private static EnvVar secret(String name, String entry) {
        return EnvVars.fromSecret(name, ResourceNames.BACKUP_CREDENTIALS_SECRET, entry);
    }
}
