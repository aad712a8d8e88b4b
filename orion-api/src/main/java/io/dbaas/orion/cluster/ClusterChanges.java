package io.dbaas.orion.cluster;

import io.dbaas.contracts.Engine;
import io.dbaas.contracts.command.DbConfiguration;
import io.dbaas.contracts.command.DeleteDBCluster;
import io.dbaas.contracts.command.NodeConfiguration;
import io.dbaas.contracts.command.ScaleDBCluster;
import io.dbaas.contracts.command.UpgradeDBCluster;
import io.dbaas.contracts.tracing.MessageTracing;
import io.dbaas.orion.capacity.Capacity;
import io.dbaas.orion.capacity.ProviderRegion;
import io.dbaas.orion.operation.Operation;
import io.dbaas.orion.operation.OperationKind;
import io.dbaas.orion.operation.Operations;
import io.dbaas.orion.operation.RequestedChange;
import io.dbaas.orion.outbox.Outbox;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Scales, resizes, upgrades and deletes clusters. Each accepted change is an operation whose command (same id) is
 * written to the outbox in the transaction that changes the cluster, so either all of it happens or none.
 *
 * <p>A change takes its region's lock, then the cluster's row lock, and decides under both: two changes of one cluster
 * are decided one after the other (the second finds the first under way and is refused), and a scale-out competes for
 * its region's room exactly as claims do.
 */
@Service
public class ClusterChanges {

    private final Clusters clusters;
    private final Operations operations;
    private final ChangeValidator validator;
    private final Capacity capacity;
    private final Outbox outbox;
    private final Clock clock;
    private final MessageTracing tracing;

    ClusterChanges(
            Clusters clusters,
            Operations operations,
            ChangeValidator validator,
            Capacity capacity,
            Outbox outbox,
            Clock clock,
            MessageTracing tracing) {
        this.clusters = clusters;
        this.operations = operations;
        this.validator = validator;
        this.capacity = capacity;
        this.outbox = outbox;
        this.clock = clock;
        this.tracing = tracing;
    }

    /**
     * Asks a running or degraded cluster for a new size or a newer version; the cluster is {@code UPDATING} until Nebula
     * reports.
     *
     * @param ifMatch the client's {@code If-Match}, or {@code null} to change whatever the cluster's version
     * @throws ClusterNotFoundException when the account has no such cluster
     * @throws InvalidChangeException when a field is malformed, out of bounds or not offered
     * @throws PreconditionFailedException when {@code ifMatch} names an outdated version of the cluster
     * @throws OperationInProgressException when another operation of the cluster is under way
     * @throws ClusterStateConflictException when the cluster is neither running nor degraded
     * @throws ChangeRefusedException for a downgrade, an upgrade the engine does not support in one step, a smaller
     *     disk, a version with a new size, or no change
     * @throws io.dbaas.orion.capacity.CapacityExceededException when the region cannot hold a bigger cluster
     */
    @Transactional
    public Operation change(UUID accountId, UUID clusterId, ClusterChange change, @Nullable String ifMatch) {
        Cluster cluster = lockForChange(accountId, clusterId, ifMatch, found -> validator.checkFields(change, found));
        requireNoOperationInProgress(cluster);
        if (!cluster.isChangeable()) {
            throw new ClusterStateConflictException(
                    clusterId,
                    cluster.state(),
                    "only a RUNNING or DEGRADED cluster can be scaled, resized or upgraded");
        }
        ClusterShape current = cluster.running();
        ClusterShape desired = validator.desiredShape(change, current, cluster.engine());
        Instant now = clock.instant();
        boolean upgrade = !desired.version().equals(current.version());
        if (!upgrade) {
            capacity.reserveChange(clusterId, cluster.placement(), desired.demand());
        }
        Operation operation = operations.save(Operation.accept(
                UUID.randomUUID(),
                clusterId,
                accountId,
                upgrade ? OperationKind.UPGRADE : OperationKind.SCALE,
                new RequestedChange(change.version(), change.nodes(), change.cpu(), change.memory(), change.disk()),
                now));
        cluster.change(desired, upgrade ? upgrading(current, desired) : resizing(current, desired), now);
        outbox.append(
                upgrade
                        ? upgradeCommand(operation.id(), cluster, current.version(), now)
                        : scaleCommand(operation.id(), cluster, now));
        return operation;
    }

    /**
     * Deletes a cluster. One that serves or failed is {@code DELETING} until Nebula reports it gone; one that still
     * waits for capacity was never sent to Nebula, so it is {@code DELETED} at once, its claim withdrawn and its
     * creation cancelled, and its operation has already succeeded.
     *
     * @throws ClusterNotFoundException when the account has no such cluster
     * @throws PreconditionFailedException when {@code ifMatch} names an outdated version of the cluster
     * @throws OperationInProgressException when another operation of the cluster is under way
     * @throws ClusterStateConflictException when the cluster is already deleted, or being created
     */
    @Transactional
    public Operation delete(UUID accountId, UUID clusterId, @Nullable String ifMatch) {
        Cluster cluster = lockForChange(accountId, clusterId, ifMatch, engine -> {});
        Instant now = clock.instant();
        if (cluster.state() == ClusterState.DELETED) {
            throw new ClusterStateConflictException(clusterId, cluster.state(), "it is already deleted");
        }
        if (cluster.state() == ClusterState.WAITING_FOR_CAPACITY) {
            return deleteBeforeProvisioning(cluster, now);
        }
        Optional<Operation> waitingCreation = creationWaitingForItsRegion(cluster);
        if (waitingCreation.isPresent()) {
            // Nebula drops a waiting creation when the deletion reaches it, and deletes nothing it never wrote.
            waitingCreation.get().fail("Cancelled: the cluster was deleted while Nebula waited for its region.", now);
            operations.flush();
        } else {
            requireNoOperationInProgress(cluster);
            if (!cluster.isDeletable()) {
                throw new ClusterStateConflictException(
                        clusterId,
                        cluster.state(),
                        "a cluster can be deleted when RUNNING, DEGRADED, FAILED or WAITING_FOR_CAPACITY, or while"
                                + " PROVISIONING when Nebula waits for its region");
            }
        }
        Operation operation = operations.save(Operation.accept(
                UUID.randomUUID(), clusterId, accountId, OperationKind.DELETE, RequestedChange.NOTHING, now));
        cluster.startDeleting(now);
        outbox.append(deleteCommand(operation.id(), cluster, now));
        return operation;
    }

    private Operation deleteBeforeProvisioning(Cluster cluster, Instant now) {
        operations
                .inProgressOf(cluster.id())
                .ifPresent(creation ->
                        creation.fail("Cancelled: the cluster was deleted before capacity admitted it.", now));
        // Withdraws the claim; claims that waited behind it and now fit are admitted.
        capacity.release(cluster.id());
        cluster.deleteBeforeProvisioning(now);
        Operation deletion = operations.save(Operation.accept(
                UUID.randomUUID(),
                cluster.id(),
                cluster.accountId(),
                OperationKind.DELETE,
                RequestedChange.NOTHING,
                now));
        deletion.succeed(now);
        return deletion;
    }

    /**
     * Finds the account's cluster, checks what needs no lock, then locks its region and the cluster (in that order) and
     * checks {@code If-Match} against the locked row.
     */
    private Cluster lockForChange(
            UUID accountId, UUID clusterId, @Nullable String ifMatch, Consumer<Engine> checkWithoutLock) {
        ClusterRef ref = clusters.findRefByIdAndAccountId(clusterId, accountId)
                .orElseThrow(() -> new ClusterNotFoundException(clusterId));
        checkWithoutLock.accept(ref.engine());
        capacity.lockRegion(new ProviderRegion(ref.provider(), ref.region()));
        Cluster cluster = clusters.lock(clusterId).orElseThrow(() -> new ClusterNotFoundException(clusterId));
        if (ifMatch != null && !matches(ifMatch, cluster.etag())) {
            throw new PreconditionFailedException(clusterId, cluster.etag());
        }
        return cluster;
    }

    /** {@code If-Match}: {@code *}, or a list of entity tags of which one must be the current one (strong comparison). */
    private static boolean matches(String ifMatch, String etag) {
        return Arrays.stream(ifMatch.split(",")).map(String::trim).anyMatch(tag -> tag.equals("*") || tag.equals(etag));
    }

    /**
     * The creation of a cluster whose region's Kubernetes API has not answered yet: Nebula keeps such a command for up to
     * its horizon (a day by default), and the owner should not have to wait that long to give the cluster up.
     */
    private Optional<Operation> creationWaitingForItsRegion(Cluster cluster) {
        if (cluster.state() != ClusterState.PROVISIONING) {
            return Optional.empty();
        }
        return operations
                .inProgressOf(cluster.id())
                .filter(operation -> operation.kind() == OperationKind.CREATE
                        && operation.waitingReason().isPresent());
    }

    private void requireNoOperationInProgress(Cluster cluster) {
        operations.inProgressOf(cluster.id()).ifPresent(operation -> {
            throw new OperationInProgressException(cluster.id(), operation);
        });
    }

    private static String resizing(ClusterShape from, ClusterShape to) {
        return "Changing from %d node(s) of %s CPU, %s memory and %s disk to %d node(s) of %s CPU, %s memory and %s disk;"
                        .formatted(
                                from.nodes(),
                                from.cpu(),
                                from.memory(),
                                from.disk(),
                                to.nodes(),
                                to.cpu(),
                                to.memory(),
                                to.disk())
                + " the cluster keeps serving.";
    }

    private static String upgrading(ClusterShape from, ClusterShape to) {
        return "Upgrading from %s to %s, one node at a time; the cluster keeps serving."
                .formatted(from.version(), to.version());
    }

    private static DbConfiguration configuration(Cluster cluster) {
        return new DbConfiguration(
                cluster.endpoint(),
                cluster.nodes(),
                new NodeConfiguration(cluster.cpu(), cluster.memory(), cluster.disk()));
    }

    /** The whole cluster as asked for, not a difference, so that Nebula converges on it however often it sees it. */
    private ScaleDBCluster scaleCommand(UUID operationId, Cluster cluster, Instant now) {
        return new ScaleDBCluster(
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
                configuration(cluster));
    }

    private UpgradeDBCluster upgradeCommand(UUID operationId, Cluster cluster, String previousVersion, Instant now) {
        return new UpgradeDBCluster(
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
                previousVersion,
                configuration(cluster));
    }

    private DeleteDBCluster deleteCommand(UUID operationId, Cluster cluster, Instant now) {
        return new DeleteDBCluster(
                operationId,
                now,
                tracing.startingChain(operationId),
                cluster.accountId(),
                cluster.provider(),
                cluster.region(),
                cluster.id(),
                cluster.engine());
    }
}
