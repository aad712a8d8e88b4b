package io.dbaas.nebula.config;

/** Backup storage settings for tests, one per kind of store; the credentials Secret is {@code dbaas/backup-creds}. */
public final class TestBackupStorage {

    public static final String SECRET = "backup-creds";
    public static final String SECRET_NAMESPACE = "dbaas";

    private TestBackupStorage() {}

    /** A MinIO-like S3-compatible store on loopback. */
    public static BackupStorage minio() {
        return new BackupStorage(
                BackupStorageType.S3,
                "dbaas-backups",
                "http://127.0.0.1:9000",
                "us-east-1",
                "eu-west",
                SECRET,
                SECRET_NAMESPACE);
    }

    public static BackupStorage amazonS3() {
        return new BackupStorage(
                BackupStorageType.S3, "dbaas-backups", "", "eu-central-1", "", SECRET, SECRET_NAMESPACE);
    }

    public static BackupStorage gcs() {
        return new BackupStorage(BackupStorageType.GCS, "dbaas-backups", "", "", "", SECRET, SECRET_NAMESPACE);
    }

    /** A shared file system exported by an NFS server, for on-premises regions. */
    public static BackupStorage nfs() {
        return new BackupStorage(
                BackupStorageType.NFS, "", "", "", "onprem", "", "", "nfs.storage.internal", "/exports/dbaas");
    }

    public static BackupStorage azure() {
        return new BackupStorage(BackupStorageType.AZURE, "dbaas-backups", "", "", "prod", SECRET, SECRET_NAMESPACE);
    }
}
