package io.dbaas.orion.cluster.web;

import io.dbaas.contracts.Engine;
import io.dbaas.orion.capacity.Admission;
import io.dbaas.orion.capacity.Resources;
import io.dbaas.orion.cluster.ClaimPreview;
import io.dbaas.orion.cluster.ClusterSpec;
import io.dbaas.orion.cluster.ClusterState;
import io.dbaas.orion.cluster.Warning;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a claim would create, had it not been a dry run. No id or endpoint: nothing was created, and a real claim gets
 * ids of its own; {@code restored_from} names the backup it would start from. {@code reservation} is what the cluster would take of its region (every node together).
 */
record DryRunResponse(boolean dryRun, boolean waitsForCapacity, WouldBeCluster cluster, Reservation reservation) {

    /** The cluster as it would be right after the claim. */
    record WouldBeCluster(
            String name,
            Engine engine,
            String version,
            String provider,
            String region,
            int nodes,
            ClusterResponse.NodeResources nodeResources,
            ClusterState state,
            String reason,
            List<Warning> warnings,
            ClusterResponse.@Nullable RestoredFrom restoredFrom) {}

    record Reservation(String cpu, String memory, String disk) {}

    static DryRunResponse of(ClaimPreview preview) {
        ClusterSpec spec = preview.spec();
        Resources demand = spec.demand();
        var cluster = new WouldBeCluster(
                spec.name(),
                spec.engine(),
                spec.version(),
                spec.provider(),
                spec.region(),
                spec.nodes(),
                new ClusterResponse.NodeResources(
                        spec.cpu().text(), spec.memory().text(), spec.disk().text()),
                preview.waitsForCapacity() ? ClusterState.WAITING_FOR_CAPACITY : ClusterState.PENDING,
                switch (preview.admission()) {
                    case Admission.Allocated allocated ->
                        "The region can hold the cluster now; it would be provisioned at once.";
                    case Admission.Waiting waiting -> waiting.reason();
                },
                Warning.forNodes(spec.nodes()),
                spec.restoreFrom() == null
                        ? null
                        : new ClusterResponse.RestoredFrom(spec.restoreFrom().backupId()));
        return new DryRunResponse(
                true,
                preview.waitsForCapacity(),
                cluster,
                new Reservation(
                        demand.cpuQuantity().text(),
                        demand.memoryQuantity().text(),
                        demand.diskQuantity().text()));
    }
}
