package io.dbaas.nebula.infrastructure;

import java.util.List;

/**
 * What {@link InfrastructureClient#delete} did.
 *
 * @param found whether there was anything to delete; {@code false} for a cluster that was already gone
 * @param removed the objects removed, as {@code Kind namespace/name}
 * @param retainedVolumes the volumes kept by the volume policy, by name; empty when volumes were deleted
 */
public record DeletionReport(boolean found, List<String> removed, List<String> retainedVolumes) {

    public DeletionReport {
        removed = List.copyOf(removed);
        retainedVolumes = List.copyOf(retainedVolumes);
    }
}
