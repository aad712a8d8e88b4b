package io.dbaas.nebula;

import io.dbaas.contracts.Engine;
import io.dbaas.contracts.MessageMetadata;
import io.dbaas.contracts.command.DbConfiguration;
import io.dbaas.contracts.command.NodeConfiguration;
import io.dbaas.contracts.command.ProvisionDBCluster;
import io.dbaas.contracts.command.ScaleDBCluster;
import io.dbaas.contracts.command.UpgradeDBCluster;
import java.time.Instant;
import java.util.UUID;

/** The commands Orion would send, as the scenarios of {@link NebulaScenario} need them. */
final class ClusterCommands {

    private ClusterCommands() {}

    static ProvisionDBCluster provision(String provider, String region, int nodes) {
        return provision(provider, region, nodes, Engine.QDRANT);
    }

    static ProvisionDBCluster provision(String provider, String region, int nodes, Engine engine) {
        UUID clusterId = UUID.randomUUID();
        return new ProvisionDBCluster(
                UUID.randomUUID(),
                Instant.now(),
                MessageMetadata.startingChain(UUID.randomUUID()),
                UUID.randomUUID(),
                provider,
                region,
                clusterId,
                "vectors",
                engine,
                engine == Engine.QDRANT ? "1.13.4" : "8.15.3",
                new DbConfiguration(
                        clusterId + "." + region + "." + provider + ".dbaas.test",
                        nodes,
                        new NodeConfiguration("500m", "1Gi", "10Gi")));
    }

    static UpgradeDBCluster upgrade(ProvisionDBCluster command, String previous, String version) {
        return new UpgradeDBCluster(
                UUID.randomUUID(),
                Instant.now(),
                command.metadata(),
                command.accountId(),
                command.cloudProvider(),
                command.cloudRegion(),
                command.clusterId(),
                command.clusterName(),
                command.engine(),
                version,
                previous,
                command.dbConfiguration());
    }

    static ScaleDBCluster scale(ProvisionDBCluster command, int nodes, String version) {
        return new ScaleDBCluster(
                UUID.randomUUID(),
                Instant.now(),
                command.metadata(),
                command.accountId(),
                command.cloudProvider(),
                command.cloudRegion(),
                command.clusterId(),
                command.clusterName(),
                command.engine(),
                version,
                new DbConfiguration(
                        command.dbConfiguration().clusterEndpoint(),
                        nodes,
                        command.dbConfiguration().nodeConfiguration()));
    }
}
