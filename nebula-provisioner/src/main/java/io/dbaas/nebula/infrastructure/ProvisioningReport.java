package io.dbaas.nebula.infrastructure;

import java.util.List;

/** What {@link InfrastructureClient#provision} did, object by object, in the order it did it. */
public record ProvisioningReport(List<AppliedResource> resources) {

    public ProvisioningReport {
        resources = List.copyOf(resources);
    }

    /**
     * One object and what happened to it.
     *
     * @param kind the object's kind, for example {@code StatefulSet}
     * @param name {@code namespace/name}, or just the name of a cluster-scoped object
     */
    public record AppliedResource(String kind, String name, ResourceChange change) {}

    public boolean changedNothing() {
        return resources.stream().allMatch(resource -> resource.change() == ResourceChange.UNCHANGED);
    }
}
