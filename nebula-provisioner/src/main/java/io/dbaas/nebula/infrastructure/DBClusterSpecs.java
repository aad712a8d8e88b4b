package io.dbaas.nebula.infrastructure;

import io.dbaas.contracts.Engine;
import io.dbaas.contracts.backup.RestoreSource;
import io.dbaas.contracts.command.ClusterSpecCommand;
import io.dbaas.contracts.command.ProvisionDBCluster;
import io.dbaas.contracts.tracing.MessageTracing;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What a backend needs to create one database cluster, independent of the command that asked for it.
 *
 * @param clusterId the cluster's id; every object name derives from it
 * @param name the cluster's display name, chosen by the client
 * @param engine the database engine
 * @param version the engine version, for example {@code 1.13.4}
 * @param nodes number of nodes
 * @param cpu CPU per node, a Kubernetes quantity
 * @param memory memory per node, a Kubernetes quantity
 * @param disk persistent volume size per node, a Kubernetes quantity
 * @param provider the cloud provider of the catalog
 * @param region the region of that provider
 * @param endpoint the public host name clients use
 * @param commandId the command that asked for this cluster, so that status events can name their cause
 * @param correlationId the correlation id of the client request
 * @param traceId the trace id of the command, when tracing was active
 * @param traceparent the W3C traceparent the command carried (well-formed or null), so that status events reported
 *     later join the command's trace
 * @param operation whether the specs create a cluster or change an existing one
 * @param accountId the account that owns the cluster, which its backup path derives from; null where it is not known
 *     (a rendering for review, a cluster last changed before Nebula kept it)
 * @param restoreFrom the backup a new cluster starts from, restored once every node is ready; null for an empty cluster
 *     and for every change
 */
public record DBClusterSpecs(
        UUID clusterId,
        String name,
        Engine engine,
        String version,
        int nodes,
        String cpu,
        String memory,
        String disk,
        String provider,
        String region,
        String endpoint,
        UUID commandId,
        UUID correlationId,
        @Nullable String traceId,
        @Nullable String traceparent,
        ClusterOperation operation,
        @Nullable UUID accountId,
        @Nullable RestoreSource restoreFrom) {

    public DBClusterSpecs {
        Objects.requireNonNull(clusterId, "clusterId");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(operation, "operation");
        // Read from Kafka or from annotations anyone may edit: kept only when it is what it claims to be.
        traceparent = MessageTracing.wellFormedOrNull(traceparent);
        if (nodes < 1) {
            throw new IllegalArgumentException("a cluster needs at least one node");
        }
    }

    /** Specs of a cluster that starts empty, or of a change. */
    public DBClusterSpecs(
            UUID clusterId,
            String name,
            Engine engine,
            String version,
            int nodes,
            String cpu,
            String memory,
            String disk,
            String provider,
            String region,
            String endpoint,
            UUID commandId,
            UUID correlationId,
            @Nullable String traceId,
            @Nullable String traceparent,
            ClusterOperation operation,
            @Nullable UUID accountId) {
        this(
                clusterId,
                name,
                engine,
                version,
                nodes,
                cpu,
                memory,
                disk,
                provider,
                region,
                endpoint,
                commandId,
                correlationId,
                traceId,
                traceparent,
                operation,
                accountId,
                null);
    }

    /** The whole desired cluster a command carries; a {@code ProvisionDBCluster} creates it, the others change it. */
    public static DBClusterSpecs from(ClusterSpecCommand command) {
        var configuration = command.dbConfiguration();
        var node = configuration.nodeConfiguration();
        return new DBClusterSpecs(
                command.clusterId(),
                command.clusterName(),
                command.engine(),
                command.clusterVersion(),
                configuration.numNodes(),
                node.cpu(),
                node.memory(),
                node.disk(),
                command.cloudProvider(),
                command.cloudRegion(),
                configuration.clusterEndpoint(),
                command.id(),
                command.metadata().correlationId(),
                command.metadata().traceId(),
                command.metadata().traceparent(),
                command instanceof ProvisionDBCluster ? ClusterOperation.PROVISION : ClusterOperation.UPDATE,
                command.accountId(),
                command instanceof ProvisionDBCluster provision ? provision.restoreFrom() : null);
    }
}
