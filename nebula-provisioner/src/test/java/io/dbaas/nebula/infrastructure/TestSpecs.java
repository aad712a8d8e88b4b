package io.dbaas.nebula.infrastructure;

import io.dbaas.contracts.Engine;
import java.util.UUID;

/** Cluster specs for tests, with every field overridable through the record's wither-like copies. */
public final class TestSpecs {

    private TestSpecs() {}

    public static DBClusterSpecs qdrant(UUID clusterId) {
        return qdrant(clusterId, 3);
    }

    public static DBClusterSpecs qdrant(UUID clusterId, int nodes) {
        return new DBClusterSpecs(
                clusterId,
                "vectors",
                Engine.QDRANT,
                "1.13.4",
                nodes,
                "500m",
                "1Gi",
                "10Gi",
                "minikube",
                "local",
                clusterId + ".local.minikube.dbaas.test",
                UUID.fromString("7d3f0e0a-4c1b-4a53-9a57-0f5b6c8d9e01"),
                UUID.fromString("c0ffee00-0000-4000-8000-000000000001"),
                null);
    }

    public static DBClusterSpecs elasticsearch(UUID clusterId, int nodes) {
        return withVersion(withEngine(qdrant(clusterId, nodes), Engine.ELASTICSEARCH), "8.15.3");
    }

    /** Specs of {@code engine} with a release version of that engine. */
    public static DBClusterSpecs of(Engine engine, UUID clusterId, int nodes) {
        return switch (engine) {
            case QDRANT -> qdrant(clusterId, nodes);
            case ELASTICSEARCH -> elasticsearch(clusterId, nodes);
        };
    }

    public static DBClusterSpecs withEngine(DBClusterSpecs specs, Engine engine) {
        return new DBClusterSpecs(
                specs.clusterId(),
                specs.name(),
                engine,
                specs.version(),
                specs.nodes(),
                specs.cpu(),
                specs.memory(),
                specs.disk(),
                specs.provider(),
                specs.region(),
                specs.endpoint(),
                specs.commandId(),
                specs.correlationId(),
                specs.traceId());
    }

    public static DBClusterSpecs withVersion(DBClusterSpecs specs, String version) {
        return new DBClusterSpecs(
                specs.clusterId(),
                specs.name(),
                specs.engine(),
                version,
                specs.nodes(),
                specs.cpu(),
                specs.memory(),
                specs.disk(),
                specs.provider(),
                specs.region(),
                specs.endpoint(),
                specs.commandId(),
                specs.correlationId(),
                specs.traceId());
    }
}
