package io.dbaas.nebula.backup;

import io.dbaas.contracts.backup.BackupSnapshot;
import io.dbaas.nebula.kubernetes.model.ElasticsearchSnapshotRepository;
import java.net.URI;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The parameters file of the backup agent, as {@code backup-agent/README.md} describes it. */
final class AgentParameters {

    /** The repository of the cluster's own backups. */
    static final String OWN_REPOSITORY = "dbaas-backups";

    /** The repository a restore reads the source cluster's backup from, read-only, beside the cluster's own. */
    static final String RESTORE_REPOSITORY = "dbaas-restore-source";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AgentParameters() {}

    /** Elasticsearch, every action: the snapshot repository to register (the agent registers a restore's read-only). */
    static String repository(ElasticsearchSnapshotRepository repository, String name) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode node = root.putObject("repository");
        node.put("name", name);
        node.put("type", repository.type());
        ObjectNode settings = node.putObject("settings");
        repository.settings().forEach(settings::put);
        return JSON.writeValueAsString(root);
    }

    /** Qdrant {@code delete}: the backup's snapshots. */
    static String deletion(List<BackupSnapshot> snapshots) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ArrayNode list = root.putArray("snapshots");
        snapshots.forEach(snapshot -> list.addObject()
                .put("node", snapshot.node())
                .put("collection", snapshot.collection())
                .put("snapshot", snapshot.snapshot())
                .put("size_in_bytes", snapshot.sizeInBytes())
                .put("checksum", snapshot.checksum()));
        return JSON.writeValueAsString(root);
    }

    /**
     * Qdrant {@code restore}: each snapshot of the source's node <i>i</i> recovered on node <i>i</i> from its
     * pre-signed URL, checked against its checksum.
     */
    static String recoveries(List<BackupSnapshot> snapshots, List<URI> locations) {
        if (snapshots.size() != locations.size()) {
            throw new IllegalArgumentException("one location per snapshot is needed");
        }
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ArrayNode list = root.putArray("recoveries");
        for (int i = 0; i < snapshots.size(); i++) {
            BackupSnapshot snapshot = snapshots.get(i);
            ObjectNode recovery = list.addObject()
                    .put("node", snapshot.node())
                    .put("collection", snapshot.collection())
                    .put("location", locations.get(i).toString());
            if (!snapshot.checksum().isEmpty()) {
                recovery.put("checksum", snapshot.checksum());
            }
        }
        return JSON.writeValueAsString(root);
    }
}
