package io.dbaas.contracts.command;

import io.dbaas.contracts.Engine;
import java.util.Objects;
import java.util.UUID;

/**
 * A command that carries the whole desired cluster: create it, or change it to this shape. Nebula converges the
 * cluster on the spec, so a redelivered or repeated command changes nothing more.
 */
public sealed interface ClusterSpecCommand extends ClusterCommand
        permits ProvisionDBCluster, ScaleDBCluster, UpgradeDBCluster {

    UUID accountId();

    String cloudProvider();

    String cloudRegion();

    String clusterName();

    Engine engine();

    /** The engine version the cluster runs once the command is carried out. */
    String clusterVersion();

    DbConfiguration dbConfiguration();

    static void requireSpec(
            UUID accountId,
            String cloudProvider,
            String cloudRegion,
            String clusterName,
            Engine engine,
            String clusterVersion,
            DbConfiguration dbConfiguration) {
        Objects.requireNonNull(accountId, "account_id");
        Objects.requireNonNull(cloudProvider, "cloud_provider");
        Objects.requireNonNull(cloudRegion, "cloud_region");
        Objects.requireNonNull(clusterName, "cluster_name");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(clusterVersion, "cluster_version");
        Objects.requireNonNull(dbConfiguration, "db_configuration");
    }
}
