package io.dbaas.orion.cluster;

import io.dbaas.contracts.backup.RestoreSource;
import io.dbaas.contracts.command.DbConfiguration;
import io.dbaas.contracts.command.NodeConfiguration;
import io.dbaas.contracts.command.ProvisionDBCluster;
import io.dbaas.contracts.tracing.MessageTracing;
import io.dbaas.orion.OrionProperties;
import io.dbaas.orion.capacity.Admission;
import io.dbaas.orion.capacity.Capacity;
import io.dbaas.orion.capacity.ClaimAdmitted;
import io.dbaas.orion.capacity.RegionNotFoundException;
import io.dbaas.orion.operation.Operation;
import io.dbaas.orion.operation.OperationKind;
import io.dbaas.orion.operation.Operations;
import io.dbaas.orion.operation.RequestedChange;
import io.dbaas.orion.outbox.Outbox;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Accepts cluster claims: the cluster, its claim on the region's capacity and, when the region can hold it, its
 * provisioning command are committed together or not at all.
 */
@Service
public class ClusterClaims {

    private final ClaimValidator validator;
    private final Clusters clusters;
    private final Capacity capacity;
    private final Outbox outbox;
    private final Operations operations;
    private final OrionProperties properties;
    private final Clock clock;
    private final MessageTracing tracing;
    private final RestoreSources restoreSources;

    public ClusterClaims(
            ClaimValidator validator,
            Clusters clusters,
            Capacity capacity,
            Outbox outbox,
            Operations operations,
            OrionProperties properties,
            Clock clock,
            MessageTracing tracing,
            RestoreSources restoreSources) {
        this.validator = validator;
        this.clusters = clusters;
        this.capacity = capacity;
        this.outbox = outbox;
        this.operations = operations;
        this.properties = properties;
        this.clock = clock;
        this.tracing = tracing;
        this.restoreSources = restoreSources;
    }

    /**
     * Stores the claimed cluster and reserves its share of the region. When the region holds it, the cluster is
     * {@code PENDING} and its {@code ProvisionDBCluster} command is in the outbox; otherwise it is
     * {@code WAITING_FOR_CAPACITY} and no command is written until capacity admits it. Either way its {@code create}
     * operation is pending; its id is the id of the provisioning command, whenever that is written.
     *
     * @throws InvalidClaimException when the claim is refused; nothing is stored
     */
    @Transactional
    public AcceptedClaim claim(UUID accountId, Claim claim) {
        ClusterSpec spec = validator.validate(accountId, claim);
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        Cluster cluster = clusters.save(Cluster.claim(id, accountId, spec, endpoint(id, spec), now));
        Operation creation = operations.save(
                Operation.accept(UUID.randomUUID(), id, accountId, OperationKind.CREATE, requested(spec), now));
        switch (admit(id, spec)) {
            case Admission.Allocated allocated ->
                outbox.append(provisionCommand(creation.id(), cluster, spec.restoreFrom(), now));
            case Admission.Waiting waiting -> cluster.waitForCapacity(waiting.reason(), now);
        }
        return new AcceptedClaim(cluster, creation);
    }

    /** Claims the region's capacity; the region is checked again there, under its lock, as an operator may retire it. */
    private Admission admit(UUID id, ClusterSpec spec) {
        try {
            return capacity.claim(id, spec.placement(), spec.demand());
        } catch (RegionNotFoundException e) {
            throw new InvalidClaimException(List.of(ClaimValidator.regionNotOffered(spec.provider(), spec.region())));
        }
    }

    /**
     * Validates the claim, its region's capacity included, and tells what {@link #claim} would do now; stores and
     * publishes nothing.
     *
     * @throws InvalidClaimException when the claim would be refused
     */
    @Transactional(readOnly = true)
    public ClaimPreview preview(UUID accountId, Claim claim) {
        ClusterSpec spec = validator.validate(accountId, claim);
        return new ClaimPreview(spec, capacity.preview(spec.placement(), spec.demand()));
    }

    /**
     * A waiting claim got its capacity: the cluster becomes {@code PENDING} and its command joins the outbox, in the
     * transaction that allocated (the event is published synchronously, inside it).
     */
    @EventListener
    void admitted(ClaimAdmitted admitted) {
        Instant now = clock.instant();
        Cluster cluster = clusters.findById(admitted.clusterId())
                .orElseThrow(
                        () -> new IllegalStateException("capacity admitted unknown cluster " + admitted.clusterId()));
        cluster.admit(now);
        // Clusters that waited since before operations existed get their creation operation now.
        Operation creation = operations
                .inProgressOf(cluster.id())
                .orElseGet(() -> operations.save(Operation.accept(
                        UUID.randomUUID(),
                        cluster.id(),
                        cluster.accountId(),
                        OperationKind.CREATE,
                        RequestedChange.NOTHING,
                        now)));
        outbox.append(provisionCommand(creation.id(), cluster, restoreSourceOf(cluster), now));
    }

    /**
     * The backup a claim that waited for capacity starts from, read again now. Should it have been purged meanwhile,
     * the command still names it (without snapshots): Nebula does not find it and fails the cluster, saying so.
     */
    private @Nullable RestoreSource restoreSourceOf(Cluster cluster) {
        return cluster.restoredFromBackupId()
                .map(backupId -> restoreSources
                        .find(cluster.accountId(), backupId)
                        .map(RestoreSources.RestorableBackup::source)
                        .orElseGet(() ->
                                new RestoreSource(UUID.fromString(backupId.substring(0, 36)), backupId, List.of())))
                .orElse(null);
    }

    /**
     * The cluster, if it belongs to the account. Another account's cluster is not found, exactly like a missing one,
     * so that cluster ids reveal nothing across accounts.
     */
    @Transactional(readOnly = true)
    public Cluster find(UUID accountId, UUID id) {
        return clusters.findByIdAndAccountId(id, accountId).orElseThrow(() -> new ClusterNotFoundException(id));
    }

    private String endpoint(UUID id, ClusterSpec spec) {
        return String.join(".", id.toString(), spec.region(), spec.provider(), properties.endpointDomain());
    }

    private static RequestedChange requested(ClusterSpec spec) {
        return new RequestedChange(
                spec.version(),
                spec.nodes(),
                spec.cpu().text(),
                spec.memory().text(),
                spec.disk().text());
    }

    /** The command of the operation {@code operationId}: same id, so that Nebula's events name the operation. */
    private ProvisionDBCluster provisionCommand(
            UUID operationId, Cluster cluster, @Nullable RestoreSource restoreFrom, Instant now) {
        return new ProvisionDBCluster(
                operationId,
                now,
                tracing.startingChain(operationId),
                cluster.accountId(),
                cluster.provider(),
                cluster.region(),
                cluster.id(),
                cluster.name(),
                cluster.engine(),
                cluster.engineVersion(),
                new DbConfiguration(
                        cluster.endpoint(),
                        cluster.nodes(),
                        new NodeConfiguration(cluster.cpu(), cluster.memory(), cluster.disk())),
                restoreFrom);
    }
}
