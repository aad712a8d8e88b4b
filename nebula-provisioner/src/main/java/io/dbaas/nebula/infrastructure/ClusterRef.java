package io.dbaas.nebula.infrastructure;

import io.dbaas.contracts.Engine;
import java.util.Objects;
import java.util.UUID;

/**
 * Names one existing cluster to a backend: enough to find it, nothing about the shape it should have.
 *
 * @param clusterId the cluster's id; every object name derives from it
 * @param engine the cluster's engine
 * @param provider the cloud provider of the catalog
 * @param region the region of that provider
 */
public record ClusterRef(UUID clusterId, Engine engine, String provider, String region) {

    public ClusterRef {
        Objects.requireNonNull(clusterId, "clusterId");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(region, "region");
    }

    public static ClusterRef of(DBClusterSpecs specs) {
        return new ClusterRef(specs.clusterId(), specs.engine(), specs.provider(), specs.region());
    }
}
