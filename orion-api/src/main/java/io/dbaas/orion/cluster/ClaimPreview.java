package io.dbaas.orion.cluster;

import io.dbaas.orion.capacity.Admission;

/** What a claim would create, and whether it would wait for capacity, had it not been a dry run. */
public record ClaimPreview(ClusterSpec spec, Admission admission) {

    public boolean waitsForCapacity() {
        return admission instanceof Admission.Waiting;
    }
}
