package io.dbaas.orion.cluster.web;

import io.dbaas.contracts.Engine;
import io.dbaas.orion.cluster.BackupSummaries;
import io.dbaas.orion.cluster.Cluster;
import io.dbaas.orion.cluster.ClusterShape;
import io.dbaas.orion.cluster.ClusterState;
import io.dbaas.orion.cluster.Warning;
import io.dbaas.orion.operation.Operation;
import io.dbaas.orion.operation.web.OperationResponse;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A cluster as clients see it. {@code version}, {@code nodes} and {@code node_resources} are what the cluster runs (as
 * Nebula last confirmed; before provisioning, what was claimed); {@code operation} is the operation under way, if any,
 * whose {@code requested} says what the cluster was asked to become. {@code warnings} is about what it runs (a single
 * node is not highly available), empty when there is nothing to say. The master key never appears here, sealed or not.
 * {@code restored_from} names the backup the cluster was claimed to start from (null for an empty start);
 * {@code backups}, in the answer for one cluster only, is its backup policy and its newest backup, so that backups
 * turned off, or a failed scheduled backup, show on the cluster.
 */
record ClusterResponse(
        UUID id,
        String name,
        Engine engine,
        String version,
        String provider,
        String region,
        int nodes,
        NodeResources nodeResources,
        String endpoint,
        ClusterState state,
        String reason,
        List<Warning> warnings,
        int nodesReady,
        Instant createdAt,
        Instant updatedAt,
        @Nullable OperationResponse operation,
        @Nullable RestoredFrom restoredFrom,
        @Nullable Backups backups) {

    record NodeResources(String cpu, String memory, String disk) {}

    record RestoredFrom(String backupId) {}

    /** The cluster's backup policy ({@code interval} ISO-8601) and its newest backup, if any. */
    record Backups(
            boolean enabled,
            String interval,
            int retention,
            @Nullable LastBackup last) {}

    record LastBackup(
            String id,
            String state,
            @Nullable String reason,
            @Nullable Instant finishedAt) {}

    ClusterResponse withBackups(BackupSummaries.BackupSummary summary) {
        var backups = new Backups(
                summary.enabled(),
                summary.interval().toString(),
                summary.retention(),
                summary.last()
                        .map(last -> new LastBackup(last.id(), last.state(), last.reason(), last.finishedAt()))
                        .orElse(null));
        return new ClusterResponse(
                id,
                name,
                engine,
                version,
                provider,
                region,
                nodes,
                nodeResources,
                endpoint,
                state,
                reason,
                warnings,
                nodesReady,
                createdAt,
                updatedAt,
                operation,
                restoredFrom,
                backups);
    }

    static ClusterResponse of(Cluster cluster, @Nullable Operation inProgress) {
        ClusterShape running = cluster.running();
        return new ClusterResponse(
                cluster.id(),
                cluster.name(),
                cluster.engine(),
                running.version(),
                cluster.provider(),
                cluster.region(),
                running.nodes(),
                new NodeResources(running.cpu(), running.memory(), running.disk()),
                cluster.endpoint(),
                cluster.state(),
                cluster.reason(),
                Warning.forNodes(running.nodes()),
                cluster.nodesReady(),
                cluster.createdAt(),
                cluster.updatedAt(),
                inProgress == null ? null : OperationResponse.of(inProgress),
                cluster.restoredFromBackupId().map(RestoredFrom::new).orElse(null),
                null);
    }
}
