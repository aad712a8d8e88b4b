package io.dbaas.nebula.config;

import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The kinds of object storage a region's backups can live in, each with the entries its credentials Secret must hold.
 * Entry names are the same in the region's Secret and in the copy Nebula keeps in each cluster's namespace.
 */
public enum BackupStorageType {

    /** Amazon S3 or an S3-compatible store (MinIO, Ceph RGW, …): an access key pair. */
    S3(List.of(BackupStorageType.ACCESS_KEY, BackupStorageType.SECRET_KEY), List.of()),

    /** Google Cloud Storage: a service account's JSON key file. */
    GCS(List.of(BackupStorageType.CREDENTIALS_FILE), List.of()),

    /** Azure Blob Storage: the storage account's name, with either its key or a SAS token. */
    AZURE(List.of(BackupStorageType.ACCOUNT), List.of(BackupStorageType.KEY, BackupStorageType.SAS_TOKEN)),

    /**
     * A shared file system exported over NFS, for on-premises regions: every Elasticsearch node mounts it, and
     * Elasticsearch writes its snapshots there (a repository of type {@code fs}). No credentials; Qdrant cannot use it.
     */
    NFS(List.of(), List.of());

    public static final String ACCESS_KEY = "access-key";
    public static final String SECRET_KEY = "secret-key";
    public static final String CREDENTIALS_FILE = "credentials.json";
    public static final String ACCOUNT = "account";
    public static final String KEY = "key";
    public static final String SAS_TOKEN = "sas-token";

    private final List<String> requiredEntries;
    private final List<String> oneOfEntries;

    BackupStorageType(List<String> requiredEntries, List<String> oneOfEntries) {
        this.requiredEntries = requiredEntries;
        this.oneOfEntries = oneOfEntries;
    }

    /** The entries the credentials Secret must all hold. */
    public List<String> requiredEntries() {
        return requiredEntries;
    }

    /** Entries of which the credentials Secret must hold at least one; empty when there is no such choice. */
    public List<String> oneOfEntries() {
        return oneOfEntries;
    }

    /** Every entry Nebula copies from the region's Secret; any other entry there stays where it is. */
    public List<String> knownEntries() {
        return Stream.concat(requiredEntries.stream(), oneOfEntries.stream()).toList();
    }

    /** Whether the store is reached with credentials from a Secret (every kind but a shared file system). */
    public boolean usesCredentials() {
        return this != NFS;
    }

    /** The name in configuration ({@code s3}, {@code gcs}, {@code azure}, {@code nfs}). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
