package io.dbaas.nebula.kubernetes.blueprint;

import io.dbaas.contracts.Engine;
import io.dbaas.nebula.config.NebulaProperties;
import io.dbaas.nebula.config.RegionProperties;
import io.dbaas.nebula.infrastructure.DBClusterSpecs;
import io.dbaas.nebula.kubernetes.model.DesiredCluster;
import io.dbaas.nebula.kubernetes.model.QdrantCluster;
import io.dbaas.nebula.kubernetes.model.ResourceNames;
import java.util.List;
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
}
