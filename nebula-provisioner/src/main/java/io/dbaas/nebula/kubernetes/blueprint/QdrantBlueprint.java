package io.dbaas.nebula.kubernetes.blueprint;

import io.dbaas.contracts.Engine;
import io.dbaas.nebula.config.NebulaProperties;
import io.dbaas.nebula.config.RegionProperties;
import io.dbaas.nebula.infrastructure.DBClusterSpecs;
import io.dbaas.nebula.kubernetes.model.DesiredCluster;
import io.dbaas.nebula.kubernetes.model.QdrantCluster;
import io.dbaas.nebula.kubernetes.model.ResourceNames;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Qdrant in distributed mode, as the official qdrant-helm chart runs it. */
@Component
public class QdrantBlueprint implements EngineBlueprint {

    private final NebulaProperties properties;

    public QdrantBlueprint(NebulaProperties properties) {
        this.properties = properties;
    }

    @Override
    public Engine engine() {
        return Engine.QDRANT;
    }

    @Override
    public DesiredCluster render(DBClusterSpecs specs, RegionProperties region) {
        QdrantCluster cluster = QdrantCluster.fromSpecs(specs, region, properties.gatekeeperFor(region));
        return DesiredCluster.of(cluster, cluster.generateMasterKeySecret(), masterKeyEntry(), List.of());
    }

    @Override
    public String statefulSetName() {
        return ResourceNames.QDRANT_STATEFUL_SET;
    }

    @Override
    public String clientServiceName() {
        return ResourceNames.QDRANT_CLIENT_SERVICE;
    }

    @Override
    public int clientPort() {
        return QdrantCluster.HTTP_PORT;
    }

    @Override
    public String masterKeySecretName() {
        return ResourceNames.QDRANT_MASTER_KEY_SECRET;
    }

    @Override
    public String masterKeyEntry() {
        return ResourceNames.MASTER_KEY_ENTRY;
    }

    /**
     * Refused always: a Qdrant shard lives on the peers it was placed on, with a replica elsewhere only if the
     * collection asked for a replication factor above one, and Nebula cannot see collections. Removing a peer could
     * drop the only copy of a shard.
     */
    @Override
    public Optional<String> refuseScaleIn(int nodes, int wantedNodes) {
        return Optional.of(("The cluster has %d nodes and keeps them: removing a Qdrant node drops the shards that live"
                        + " only on it, and Nebula cannot see which collections are replicated. To run on %d nodes,"
                        + " create a cluster of %d nodes and move the collections to it with snapshots.")
                .formatted(nodes, wantedNodes, wantedNodes));
    }
}
