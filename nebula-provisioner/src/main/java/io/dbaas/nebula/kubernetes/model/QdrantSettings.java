package io.dbaas.nebula.kubernetes.model;

import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.ArrayList;
import java.util.List;

/**
 * Qdrant's configuration as Nebula sets it, through the environment variables Qdrant reads over its config file
 * ({@code QDRANT__SECTION__KEY} for {@code section.key}).
 */
final class QdrantSettings {

    /**
     * The replication factor of a collection created without one, in clusters of two nodes or more: each shard on two
     * nodes survives the loss of one. Writes need one copy to acknowledge ({@code write_consistency_factor} stays
     * Qdrant's default of 1), so a cluster with a node down keeps accepting them.
     */
    static final int REPLICATION_FACTOR = 2;

    private QdrantSettings() {}

    /**
     * @param nodes the number of nodes: the default replication factor follows it, so a cluster scaled from one node
     *     to more creates its next collections replicated
     * @param snapshotsPath where Qdrant writes snapshots ({@code storage.snapshots_path})
     * @param tempPath where Qdrant writes temporary files ({@code storage.temp_path})
     */
    static List<EnvVar> environment(int nodes, String snapshotsPath, String tempPath) {
        List<EnvVar> environment = new ArrayList<>();
        // A managed cluster does not report its usage to Qdrant's makers unless its owner decides so.
        environment.add(env("QDRANT__TELEMETRY_DISABLED", "true"));
        environment.add(env("QDRANT__STORAGE__SNAPSHOTS_PATH", snapshotsPath));
        environment.add(env("QDRANT__STORAGE__TEMP_PATH", tempPath));
        if (nodes >= 2) {
            environment.add(env("QDRANT__STORAGE__COLLECTION__REPLICATION_FACTOR", String.valueOf(REPLICATION_FACTOR)));
        }
        return environment;
    }

    private static EnvVar env(String name, String value) {
        return EnvVars.value(name, value);
    }
}
