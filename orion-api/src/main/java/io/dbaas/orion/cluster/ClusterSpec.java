package io.dbaas.orion.cluster;

import io.dbaas.contracts.Engine;
import io.dbaas.contracts.backup.RestoreSource;
import io.dbaas.orion.capacity.ProviderRegion;
import io.dbaas.orion.capacity.Quantity;
import io.dbaas.orion.capacity.Resources;
import org.jspecify.annotations.Nullable;

/**
 * A claim that passed validation: every value is offered and within bounds.
 *
 * @param restoreFrom the backup the cluster starts from, checked against the claim; null for an empty cluster
 */
public record ClusterSpec(
        String name,
        Engine engine,
        String version,
        int nodes,
        Quantity cpu,
        Quantity memory,
        Quantity disk,
        String provider,
        String region,
        @Nullable RestoreSource restoreFrom) {

    /** A claim of an empty cluster. */
    public ClusterSpec(
            String name,
            Engine engine,
            String version,
            int nodes,
            Quantity cpu,
            Quantity memory,
            Quantity disk,
            String provider,
            String region) {
        this(name, engine, version, nodes, cpu, memory, disk, provider, region, null);
    }

    public ProviderRegion placement() {
        return new ProviderRegion(provider, region);
    }

    /** What the cluster needs of its region: every node's resources together. */
    public Resources demand() {
        return Resources.of(cpu, memory, disk).times(nodes);
    }
}
