package io.dbaas.nebula.kubernetes.status;

import io.dbaas.nebula.infrastructure.ClusterOperation;
import io.dbaas.nebula.kubernetes.model.Annotations;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One cluster as the watches see it at one moment, with what deciding its status needs.
 *
 * @param operation what the last command asked: a new cluster or a change
 * @param commandId the last command carried out on the cluster
 * @param announcedCommand the last command whose completion was announced; null if none ever was (the cluster has
 *     never run)
 * @param version the engine version the cluster should run
 * @param wanted the nodes it should have
 * @param ready the nodes that are ready
 * @param ready whether every node is ready at the shape the last command asked for (and reachable)
 * @param readyCluster what {@code ClusterProvisioned} needs, when settled
 * @param problems what keeps pods from running, one sentence each
 * @param announcedCondition the last degradation or recovery recorded as announced; null if none ever was
 * @param announcedAddress where {@code ClusterProvisioned} last said the cluster answers; null if not recorded (never
 *     announced, or announced by an earlier Nebula)
 * @param restore where a new cluster provisioned from a backup stands with its restore
 */
record ClusterSnapshot(
        UUID clusterId,
        String namespace,
        ClusterOperation operation,
        UUID commandId,
        UUID correlationId,
        @Nullable String traceId,
        @Nullable String traceparent,
        @Nullable UUID announcedCommand,
        String version,
        int wanted,
        int ready,
        Optional<ReadyCluster> readyCluster,
        List<String> problems,
        @Nullable AnnouncedCondition announcedCondition,
        @Nullable String announcedAddress,
        RestoreStep restore) {

    ClusterSnapshot {
        problems = List.copyOf(problems);
    }

    /** A cluster with nothing to restore. */
    ClusterSnapshot(
            UUID clusterId,
            String namespace,
            ClusterOperation operation,
            UUID commandId,
            UUID correlationId,
            @Nullable String traceId,
            @Nullable String traceparent,
            @Nullable UUID announcedCommand,
            String version,
            int wanted,
            int ready,
            Optional<ReadyCluster> readyCluster,
            List<String> problems,
            @Nullable AnnouncedCondition announcedCondition,
            @Nullable String announcedAddress) {
        this(
                clusterId,
                namespace,
                operation,
                commandId,
                correlationId,
                traceId,
                traceparent,
                announcedCommand,
                version,
                wanted,
                ready,
                readyCluster,
                problems,
                announcedCondition,
                announcedAddress,
                RestoreStep.NONE);
    }

    /** Whether the new cluster's nodes wait for its backup to be restored before it is provisioned. */
    boolean awaitsRestore() {
        return operation == ClusterOperation.PROVISION
                && inOperation()
                && restore != RestoreStep.NONE
                && restore != RestoreStep.SUCCEEDED;
    }

    boolean settled() {
        return readyCluster.isPresent();
    }

    /** Whether the last command is still being carried out (its completion not announced yet). */
    boolean inOperation() {
        return !commandId.equals(announcedCommand);
    }

    boolean everRan() {
        return announcedCommand != null;
    }

    /** Where the cluster answers now, as {@link Annotations#ANNOUNCED_ADDRESS} records it; empty unless settled. */
    Optional<String> address() {
        return readyCluster.map(ready -> ready.internalAddress().toUri().toString());
    }
}
