package io.dbaas.nebula.infrastructure;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What {@link InfrastructureClient#provision} did, object by object, in the order it did it.
 *
 * @param earliestCertificateExpiry when the first of the cluster's TLS certificates, as left in place, expires; null
 *     when the cluster has none
 */
public record ProvisioningReport(
        List<AppliedResource> resources, @Nullable Instant earliestCertificateExpiry) {

    public ProvisioningReport {
        resources = List.copyOf(resources);
    }

    /** A report of a cluster without TLS certificates. */
    public ProvisioningReport(List<AppliedResource> resources) {
        this(resources, null);
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

    public Optional<Instant> certificatesExpiry() {
        return Optional.ofNullable(earliestCertificateExpiry);
    }
}
