package io.dbaas.nebula.infrastructure;

import io.dbaas.contracts.Engine;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

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
                null,
                null,
                ClusterOperation.PROVISION,
                null,
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
        return copy(specs).engine(engine).build();
    }

    public static DBClusterSpecs withVersion(DBClusterSpecs specs, String version) {
        return copy(specs).version(version).build();
    }

    /** The specs of a command that carried this trace. */
    public static DBClusterSpecs inTrace(DBClusterSpecs specs, String traceId, String traceparent) {
        return copy(specs).trace(traceId, traceparent).build();
    }

    /** A copy of {@code specs} with the fields a test changes, as in {@code copy(specs).cpu("0").build()}. */
    public static Copy copy(DBClusterSpecs specs) {
        return new Copy(specs);
    }

    public static final class Copy {

        private final DBClusterSpecs specs;
        private Engine engine;
        private String version;
        private String cpu;
        private String memory;
        private int nodes;
        private String disk;
        private UUID commandId;
        private ClusterOperation operation;
        private @Nullable UUID accountId;
        private @Nullable String traceId;
        private @Nullable String traceparent;

        private Copy(DBClusterSpecs specs) {
            this.specs = specs;
            this.engine = specs.engine();
            this.version = specs.version();
            this.cpu = specs.cpu();
            this.memory = specs.memory();
            this.traceId = specs.traceId();
            this.traceparent = specs.traceparent();
            this.nodes = specs.nodes();
            this.disk = specs.disk();
            this.commandId = specs.commandId();
            this.operation = specs.operation();
            this.accountId = specs.accountId();
        }

        /** The account owning the cluster, as a command names it. */
        public Copy account(UUID accountId) {
            this.accountId = accountId;
            return this;
        }

        public Copy nodes(int nodes) {
            this.nodes = nodes;
            return this;
        }

        public Copy disk(String disk) {
            this.disk = disk;
            return this;
        }

        /** A change of the cluster, asked for by a new command. */
        public Copy asUpdate(UUID commandId) {
            this.commandId = commandId;
            this.operation = ClusterOperation.UPDATE;
            return this;
        }

        public Copy engine(Engine engine) {
            this.engine = engine;
            return this;
        }

        public Copy version(String version) {
            this.version = version;
            return this;
        }

        public Copy cpu(String cpu) {
            this.cpu = cpu;
            return this;
        }

        public Copy trace(String traceId, String traceparent) {
            this.traceId = traceId;
            this.traceparent = traceparent;
            return this;
        }

        public Copy memory(String memory) {
            this.memory = memory;
            return this;
        }

        public DBClusterSpecs build() {
            return new DBClusterSpecs(
                    specs.clusterId(),
                    specs.name(),
                    engine,
                    version,
                    nodes,
                    cpu,
                    memory,
                    disk,
                    specs.provider(),
                    specs.region(),
                    specs.endpoint(),
                    commandId,
                    specs.correlationId(),
                    traceId,
                    traceparent,
                    operation,
                    accountId,
                    null);
        }
    }
}
