package io.dbaas.orion.cluster;

import io.dbaas.contracts.Engine;
import io.dbaas.orion.capacity.ProviderRegion;
import io.dbaas.orion.capacity.Quantity;
import io.dbaas.orion.capacity.Resources;

/** A claim that passed validation: every value is offered and within bounds. */
public record ClusterSpec(
        String name,
        Engine engine,
        String version,
        int nodes,
        Quantity cpu,
        Quantity memory,
        Quantity disk,
        String provider,
        String region) {

    public ProviderRegion placement() {
        return new ProviderRegion(provider, region);
    }

    /** What the cluster needs of its region: every node's resources together. */
    public Resources demand() {
        return Resources.of(cpu, memory, disk).times(nodes);
    }
}
