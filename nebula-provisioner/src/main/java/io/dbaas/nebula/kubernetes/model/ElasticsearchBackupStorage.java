package io.dbaas.nebula.kubernetes.model;

import static io.dbaas.nebula.kubernetes.model.ElasticsearchConfigFiles.CONFIG_PATH;
import static io.dbaas.nebula.kubernetes.model.ElasticsearchConfigFiles.HOME;
import static io.dbaas.nebula.kubernetes.model.ElasticsearchConfigFiles.MOUNTS;

import io.dbaas.nebula.config.BackupStorage;
import io.dbaas.nebula.config.BackupStorageType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An Elasticsearch cluster's side of its region's backup storage: the snapshot repository client Nebula configures on
 * every node, as ECK does with {@code secureSettings}. The client's credentials reach the node's keystore through an
 * init container that reads them from the cluster's copy of the region's Secret, mounted as files; they never appear
 * in an environment variable, a ConfigMap or a command line. The client's other settings (endpoint, path-style access
 * of an S3-compatible store) are in {@code elasticsearch.yml}. The repository itself (bucket and base path) is
 * registered through the API by the backup agent, from {@link #repository()}.
 *
 * @param backup the cluster's place in the store
 */
record ElasticsearchBackupStorage(ClusterBackupStorage backup) {

    /** The name of the repository client on every node, which the repository names in its {@code client} setting. */
    static final String CLIENT = "dbaas-backups";

    /** The pod volume of a shared file system ({@code nfs} storage), and where every node mounts it. */
    static final String REPOSITORY_VOLUME = "backup-repository";

    static final String REPOSITORY_MOUNT = "/mnt/dbaas-backups";

    /** The script of the keystore init container, in the cluster's ConfigMap. */
    static final String KEYSTORE_SCRIPT = "keystore.sh";

    /** Where the init container reads the cluster's copy of the credentials. */
    static final String CREDENTIALS_PATH = MOUNTS + "/backup-credentials";

    /**
     * The keystore's secure setting of each credentials entry. The S3 and Azure settings are strings, read from one
     * line on standard input; GCS takes the service account's key file as a file setting.
     */
    Map<String, String> secureSettings() {
        String client = "." + CLIENT + ".";
        Map<String, String> settings = new LinkedHashMap<>();
        switch (backup.storage().type()) {
            case S3 -> {
                settings.put(BackupStorageType.ACCESS_KEY, "s3.client" + client + "access_key");
                settings.put(BackupStorageType.SECRET_KEY, "s3.client" + client + "secret_key");
            }
            case GCS -> settings.put(BackupStorageType.CREDENTIALS_FILE, "gcs.client" + client + "credentials_file");
            case NFS -> {
                // A shared file system has no client and no credentials.
            }
            case AZURE -> {
                settings.put(BackupStorageType.ACCOUNT, "azure.client" + client + "account");
                settings.put(BackupStorageType.KEY, "azure.client" + client + "key");
                settings.put(BackupStorageType.SAS_TOKEN, "azure.client" + client + "sas_token");
            }
        }
        return settings;
    }

    /** Whether the nodes mount the store as a shared file system (no client, no keystore, no credentials). */
    boolean sharedFileSystem() {
        return backup.storage().type() == BackupStorageType.NFS;
    }

    /**
     * The client's settings that are not secret, appended to {@code elasticsearch.yml}; for a shared file system, the
     * mount as the only place a repository may live ({@code path.repo}). An S3-compatible store is
     * reached at its endpoint (the URL carries the protocol) with path-style requests, since such stores seldom serve a
     * host name per bucket; Amazon S3 itself needs neither. GCS and Azure clients need nothing beyond their
     * credentials.
     */
    String elasticsearchYml() {
        BackupStorage storage = backup.storage();
        if (sharedFileSystem()) {
            return "# The region's backup storage, a shared file system every node mounts.\npath.repo: [\""
                    + REPOSITORY_MOUNT + "\"]\n";
        }
        if (storage.type() != BackupStorageType.S3) {
            return "";
        }
        StringBuilder yml = new StringBuilder(
                "# The client of the region's backup storage; its credentials are in the keystore.\n");
        String prefix = "s3.client." + CLIENT + ".";
        if (!storage.endpoint().isEmpty()) {
            yml.append(prefix).append("endpoint: ").append(storage.endpoint()).append('\n');
            yml.append(prefix).append("path_style_access: true\n");
        }
        if (!storage.region().isEmpty()) {
            yml.append(prefix).append("region: ").append(storage.region()).append('\n');
        }
        return yml.toString();
    }

    /**
     * Builds the node's keystore in its configuration directory (an emptyDir, so each pod start builds it afresh from
     * the credentials as they are then): the image's configuration copied in first, as the start script does, the
     * keystore created when the image brings none, then each credential present added, values read from files.
     */
    String keystoreScript() {
        StringBuilder adds = new StringBuilder();
        secureSettings().forEach((entry, setting) -> {
            String file = CREDENTIALS_PATH + "/" + entry;
            String add = BackupStorageType.CREDENTIALS_FILE.equals(entry)
                    ? "\"$keystore\" add-file --force '" + setting + "' '" + file + "'"
                    : "\"$keystore\" add --force --stdin '" + setting + "' < '" + file + "'";
            adds.append("if [ -s '")
                    .append(file)
                    .append("' ]; then ")
                    .append(add)
                    .append("; fi\n");
        });
        return """
                #!/bin/bash
                # Rendered by Nebula. Puts the backup storage's credentials into this node's keystore.
                set -euo pipefail
                export ES_PATH_CONF='%1$s'
                cp -rn %2$s/config/. "$ES_PATH_CONF"/
                keystore=%2$s/bin/elasticsearch-keystore
                if [ ! -f "$ES_PATH_CONF/elasticsearch.keystore" ]; then "$keystore" create; fi
                %3$s""".formatted(CONFIG_PATH, HOME, adds);
    }

    /**
     * The snapshot repository the backup agent registers on the cluster ({@code PUT _snapshot/<name>}): its type and
     * settings, with this cluster's base path, so that its snapshots never mix with another cluster's.
     */
    ElasticsearchSnapshotRepository repository() {
        BackupStorage storage = backup.storage();
        if (sharedFileSystem()) {
            return new ElasticsearchSnapshotRepository(
                    "fs", Map.of("location", REPOSITORY_MOUNT + "/" + backup.basePath()));
        }
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(storage.type() == BackupStorageType.AZURE ? "container" : "bucket", storage.bucket());
        settings.put("client", CLIENT);
        settings.put("base_path", backup.basePath());
        return new ElasticsearchSnapshotRepository(storage.type().id(), settings);
    }
}
