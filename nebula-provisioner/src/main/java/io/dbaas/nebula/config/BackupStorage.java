package io.dbaas.nebula.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where a region's backups live: one bucket (or Azure container) of an object store, and the Secret in the region's
 * Kubernetes cluster that holds the credentials to reach it. Every cluster's snapshots live under a path of their own
 * in it (see {@code ClusterBackupPath}); credentials never leave Secrets: Nebula copies the Secret into each cluster's
 * namespace, where the nodes read it by reference only.
 *
 * @param type the kind of store
 * @param bucket the S3 or GCS bucket, or the Azure Blob container
 * @param endpoint the URL of an S3-compatible store (MinIO, Ceph, …); empty for Amazon S3 itself. S3 only
 * @param region the store's region, as S3 signs requests for it; empty to let the client find it. S3 only
 * @param pathPrefix the path under which all of this region's clusters' backups live; empty for the bucket's root
 * @param credentialsSecret the name of the Secret holding the credentials ({@link BackupStorageType} lists its entries)
 * @param credentialsNamespace the namespace of that Secret in the region's Kubernetes cluster
 * @param server the NFS server's host name or address; NFS only
 * @param path the path the NFS server exports; NFS only
 */
public record BackupStorage(
        BackupStorageType type,
        String bucket,
        @DefaultValue("") String endpoint,
        @DefaultValue("") String region,
        @DefaultValue("") String pathPrefix,
        String credentialsSecret,
        String credentialsNamespace,
        @DefaultValue("") String server,
        @DefaultValue("") String path) {

    /** S3's bucket names; GCS accepts the same (and more with dots, which S3 virtual-host addressing breaks on). */
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    /** Azure Blob container names: lower case letters, digits and single hyphens, 3 to 63 characters. */
    private static final Pattern AZURE_CONTAINER = Pattern.compile("(?!.*--)[a-z0-9][a-z0-9-]{1,61}[a-z0-9]");

    private static final Pattern S3_REGION = Pattern.compile("[a-z0-9-]{1,40}");
    private static final Pattern PATH_SEGMENT = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");
    private static final Pattern IP_ADDRESS =
            Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}|[0-9a-fA-F:]*:[0-9a-fA-F:]+");
    private static final Pattern NFS_PATH = Pattern.compile("/[A-Za-z0-9._/-]*");
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    /** A store an NFS server does not serve: an object store reached with the credentials of a Secret. */
    public BackupStorage(
            BackupStorageType type,
            String bucket,
            String endpoint,
            String region,
            String pathPrefix,
            String credentialsSecret,
            String credentialsNamespace) {
        this(type, bucket, endpoint, region, pathPrefix, credentialsSecret, credentialsNamespace, "", "");
    }

    @ConstructorBinding
    public BackupStorage {
        if (type == null) {
            throw new IllegalArgumentException("backup-storage needs a type: s3, gcs, azure or nfs");
        }
        bucket = bucket == null ? "" : bucket;
        credentialsSecret = credentialsSecret == null ? "" : credentialsSecret;
        credentialsNamespace = credentialsNamespace == null ? "" : credentialsNamespace;
        server = server == null ? "" : server;
        path = path == null ? "" : path;
        if (type == BackupStorageType.NFS) {
            requireNfs(bucket, endpoint, region, credentialsSecret, credentialsNamespace, server, path);
            requirePathPrefix(pathPrefix);
        } else {
            if (!server.isEmpty() || !path.isEmpty()) {
                throw new IllegalArgumentException(
                        "backup-storage server and path are for nfs only; a " + type.id() + " store takes neither");
            }
            requireObjectStore(type, bucket, endpoint, region, pathPrefix, credentialsSecret, credentialsNamespace);
        }
    }

    /** An object store: its bucket, where S3-compatible stores answer, and the Secret of its credentials. */
    private static void requireObjectStore(
            BackupStorageType type,
            String bucket,
            String endpoint,
            String region,
            String pathPrefix,
            String credentialsSecret,
            String credentialsNamespace) {
        requireBucket(type, bucket);
        if (type != BackupStorageType.S3 && (!endpoint.isEmpty() || !region.isEmpty())) {
            throw new IllegalArgumentException("backup-storage endpoint and region are for S3-compatible stores only;"
                    + " a " + type.id() + " store takes neither");
        }
        if (!endpoint.isEmpty()) {
            requireHttpUrl(endpoint);
        }
        if (!region.isEmpty() && !S3_REGION.matcher(region).matches()) {
            throw new IllegalArgumentException(
                    "backup-storage region must be an S3 region name such as eu-central-1, got '" + region + "'");
        }
        requirePathPrefix(pathPrefix);
        if (!DNS_SUBDOMAIN.matcher(credentialsSecret).matches()) {
            throw new IllegalArgumentException("backup-storage needs credentials-secret, the name of the Secret holding"
                    + " the store's credentials"
                    + (credentialsSecret.isEmpty() ? "" : ", got '" + credentialsSecret + "'"));
        }
        if (!DNS_LABEL.matcher(credentialsNamespace).matches()) {
            throw new IllegalArgumentException("backup-storage needs credentials-namespace, the namespace of Secret '"
                    + credentialsSecret + "' in the region's Kubernetes cluster"
                    + (credentialsNamespace.isEmpty() ? "" : ", got '" + credentialsNamespace + "'"));
        }
    }

    /** Whether the store is S3-compatible but not Amazon S3 itself: path-style addressing, the endpoint given. */
    public boolean s3Compatible() {
        return type == BackupStorageType.S3 && !endpoint.isEmpty();
    }

    /** The scheme of {@link #endpoint()}, {@code https} when it has none. */
    public String endpointProtocol() {
        return endpoint.startsWith("http://") ? "http" : "https";
    }

    /** The endpoint's host and port, without the scheme, as Elasticsearch's S3 client takes it. */
    public @Nullable String endpointAuthority() {
        return endpoint.isEmpty() ? null : URI.create(endpoint).getRawAuthority();
    }

    /** A shared file system: where it is exported, and nothing of an object store. */
    private static void requireNfs(
            String bucket,
            String endpoint,
            String region,
            String credentialsSecret,
            String credentialsNamespace,
            String server,
            String path) {
        if (!bucket.isEmpty() || !endpoint.isEmpty() || !region.isEmpty()) {
            throw new IllegalArgumentException(
                    "backup-storage of type nfs takes no bucket, endpoint or region: it is a shared file system");
        }
        if (!credentialsSecret.isEmpty() || !credentialsNamespace.isEmpty()) {
            throw new IllegalArgumentException(
                    "backup-storage of type nfs takes no credentials-secret: nodes mount the export without credentials");
        }
        if (!DNS_SUBDOMAIN.matcher(server).matches()
                && !IP_ADDRESS.matcher(server).matches()) {
            throw new IllegalArgumentException("backup-storage of type nfs needs server, the NFS server's host name or"
                    + " address" + (server.isEmpty() ? "" : ", got '" + server + "'"));
        }
        if (!NFS_PATH.matcher(path).matches() || path.contains("/../") || path.endsWith("/..")) {
            throw new IllegalArgumentException("backup-storage of type nfs needs path, the absolute path the server"
                    + " exports" + (path.isEmpty() ? "" : ", got '" + path + "'"));
        }
    }

    private static void requireBucket(BackupStorageType type, String bucket) {
        Pattern pattern = type == BackupStorageType.AZURE ? AZURE_CONTAINER : BUCKET;
        if (!pattern.matcher(bucket).matches()) {
            String what = type == BackupStorageType.AZURE ? "container" : "bucket";
            throw new IllegalArgumentException("backup-storage bucket must be a " + type.id() + " " + what
                    + " name (3 to 63 lower-case letters, digits"
                    + (type == BackupStorageType.AZURE ? " and hyphens" : ", dots and hyphens") + "), got '" + bucket
                    + "'");
        }
    }

    private static void requireHttpUrl(String endpoint) {
        try {
            URI uri = new URI(endpoint);
            boolean http = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
            boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty() || "/".equals(uri.getRawPath()))
                    && uri.getRawQuery() == null
                    && uri.getRawUserInfo() == null;
            if (http && uri.getHost() != null && bare) {
                return;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        // No credentials in a URL: user information is refused above and never echoed here.
        throw new IllegalArgumentException("backup-storage endpoint must be an http or https URL of the store's host"
                + " (and port), with no path, query or user information");
    }

    private static void requirePathPrefix(String pathPrefix) {
        if (pathPrefix.isEmpty()) {
            return;
        }
        for (String segment : pathPrefix.split("/", -1)) {
            if (!PATH_SEGMENT.matcher(segment).matches() || ".".equals(segment) || "..".equals(segment)) {
                throw new IllegalArgumentException(
                        "backup-storage path-prefix must be path segments of letters, digits,"
                                + " '.', '_' and '-' joined by single slashes, with no slash at either end, got '"
                                + pathPrefix
                                + "'");
            }
        }
    }
}
