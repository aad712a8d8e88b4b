package io.dbaas.nebula.provisioning;

import io.dbaas.contracts.command.BackupCommand;
import io.dbaas.contracts.command.ClusterCommand;
import io.dbaas.contracts.command.ClusterSpecCommand;
import io.dbaas.contracts.command.DeleteDBCluster;
import io.dbaas.contracts.command.ProvisionDBCluster;
import io.dbaas.contracts.command.ScaleDBCluster;
import io.dbaas.contracts.command.UpgradeDBCluster;
import io.dbaas.nebula.events.ClusterEventPublisher;
import io.dbaas.nebula.events.ClusterEvents;
import io.dbaas.nebula.infrastructure.ClusterRef;
import io.dbaas.nebula.infrastructure.DBClusterSpecs;
import io.dbaas.nebula.infrastructure.InfrastructureClient;
import io.dbaas.nebula.infrastructure.InfrastructureException;
import io.dbaas.nebula.infrastructure.ObservedCluster;
import io.dbaas.nebula.infrastructure.ReleaseVersion;
import io.dbaas.nebula.region.RegionCatalog;
import io.dbaas.nebula.region.RegionId;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out cluster commands and reports the result as events. Every permanent outcome of the infrastructure is
 * reported: a failure becomes a {@code ClusterFailed} (a new cluster) or a {@code ClusterChangeFailed} (a change or a
 * deletion) with a plain reason. A failure that may pass throws {@link CommandDeferredException}: {@link CommandQueue}
 * keeps the command and tries it again later.
 *
 * <ul>
 *   <li>{@code ProvisionDBCluster}: {@code ClusterProvisioningStarted}, then the objects; {@code ClusterProvisioned}
 *       comes from the watches once every node is ready.
 *   <li>{@code ScaleDBCluster}, {@code UpgradeDBCluster}: the cluster is converged on the command's whole spec;
 *       {@code ClusterUpdated} comes from the watches once every node is ready at the new shape. A refused change
 *       (scale-in, downgrade, shrinking disk) is a {@code ClusterChangeFailed} and leaves the cluster untouched.
 *   <li>{@code DeleteDBCluster}: {@code ClusterDeletionStarted}, every object removed, {@code ClusterDeleted}; a
 *       cluster already gone is deleted at once.
 * </ul>
 *
 * <p>Handling the same command twice is harmless: object names, credentials and event ids all derive from the
 * cluster and command ids, so consumers see the same events and the cluster the same objects.
 */
public class ClusterCommandHandler {

    private static final Logger log = LoggerFactory.getLogger(ClusterCommandHandler.class);

    private final RegionCatalog catalog;
    private final InfrastructureClient infrastructure;
    private final ClusterEventPublisher publisher;
    private final ClusterEvents events;
    private final BackupCommands backups;

    /** A handler that refuses backup commands: for a Nebula (or a test) without backups. */
    public ClusterCommandHandler(
            RegionCatalog catalog,
            InfrastructureClient infrastructure,
            ClusterEventPublisher publisher,
            ClusterEvents events) {
        this(catalog, infrastructure, publisher, events, null);
    }

    public ClusterCommandHandler(
            RegionCatalog catalog,
            InfrastructureClient infrastructure,
            ClusterEventPublisher publisher,
            ClusterEvents events,
            @Nullable BackupCommands backups) {
        this.catalog = catalog;
        this.infrastructure = infrastructure;
        this.publisher = publisher;
        this.events = events;
        this.backups = backups != null ? backups : new RefusedBackups();
    }

    public void handle(ClusterCommand command) {
        switch (command) {
            case ProvisionDBCluster provision -> provision(provision);
            case ScaleDBCluster scale -> change(scale);
            case UpgradeDBCluster upgrade -> upgrade(upgrade);
            case DeleteDBCluster delete -> delete(delete);
            case BackupCommand backup -> backups.handle(backup);
        }
    }

    private void provision(ProvisionDBCluster command) {
        Optional<String> unknownRegion = unknownRegion(command.cloudProvider(), command.cloudRegion());
        if (unknownRegion.isPresent()) {
            fail(command, unknownRegion.get());
            return;
        }
        publisher.publish(events.provisioningStarted(command));
        DBClusterSpecs specs = DBClusterSpecs.from(command);
        attempt(command, () -> infrastructure.provision(specs), reason -> fail(command, reason));
    }

    /** Refuses a downgrade from what the command says and from what the cluster runs, then converges. */
    private void upgrade(UpgradeDBCluster command) {
        if (ReleaseVersion.isNewer(command.previousVersion(), command.clusterVersion())) {
            refuse(
                    command,
                    "Version %s is older than %s, which the cluster runs: Nebula does not downgrade clusters."
                            .formatted(command.clusterVersion(), command.previousVersion()));
            return;
        }
        if (unknownRegion(command.cloudProvider(), command.cloudRegion()).isEmpty()) {
            ClusterRef cluster = new ClusterRef(
                    command.clusterId(), command.engine(), command.cloudProvider(), command.cloudRegion());
            Optional<Optional<ObservedCluster>> observed =
                    attempt(command, () -> infrastructure.observe(cluster), reason -> refuse(command, reason));
            if (observed.isEmpty()) {
                return;
            }
            Optional<String> newer = observed.get().stream()
                    .flatMap(found -> found.runningVersions().stream())
                    .filter(running -> ReleaseVersion.isNewer(running, command.clusterVersion()))
                    .findFirst();
            if (newer.isPresent()) {
                refuse(
                        command,
                        "Nodes of the cluster run %s, newer than %s: Nebula does not downgrade clusters."
                                .formatted(newer.get(), command.clusterVersion()));
                return;
            }
        }
        change(command);
    }

    private void change(ClusterSpecCommand command) {
        Optional<String> unknownRegion = unknownRegion(command.cloudProvider(), command.cloudRegion());
        if (unknownRegion.isPresent()) {
            refuse(command, unknownRegion.get());
            return;
        }
        DBClusterSpecs specs = DBClusterSpecs.from(command);
        attempt(command, () -> infrastructure.update(specs), reason -> refuse(command, reason));
    }

    /**
     * Deletes the cluster; one Nebula never wrote anything for is deleted at once (see {@link
     * InfrastructureClient#delete}). A region without configuration is refused, not taken as deleted: the cluster may run there
     * still (a region removed from the configuration after provisioning), and only Nebula can remove it, so Orion must
     * keep it until the region is configured again.
     */
    private void delete(DeleteDBCluster command) {
        RegionId region = new RegionId(command.cloudProvider(), command.cloudRegion());
        if (catalog.find(region).isEmpty()) {
            refuse(
                    command,
                    "No Kubernetes API is configured for " + region
                            + ", so Nebula cannot reach the cluster there to delete it; nothing was deleted.");
            return;
        }
        publisher.publish(events.deletionStarted(command));
        ClusterRef cluster =
                new ClusterRef(command.clusterId(), command.engine(), command.cloudProvider(), command.cloudRegion());
        attempt(command, () -> infrastructure.delete(cluster), reason -> refuse(command, reason))
                .ifPresent(report -> publisher.publish(events.deleted(command)));
    }

    /**
     * Runs {@code work}. A permanent infrastructure verdict goes to {@code onFailure} and gives empty; a failure that
     * may pass throws {@link CommandDeferredException}, for the caller to try the whole command again later. Anything
     * else (a bug, or the event bus failing) is left to the listener to retry.
     */
    private <T> Optional<T> attempt(ClusterCommand command, Supplier<T> work, Consumer<String> onFailure) {
        try {
            return Optional.of(work.get());
        } catch (InfrastructureException failure) {
            if (failure.isTransient()) {
                throw new CommandDeferredException(failure.reason(), failure);
            }
            onFailure.accept(failure.reason());
            return Optional.empty();
        }
    }

    /**
     * Ends a command that waited past the retry horizon, as a permanent failure would have: a new cluster fails, a
     * change or deletion is not carried out.
     */
    void giveUp(ClusterCommand command, String reason) {
        switch (command) {
            case ProvisionDBCluster provision -> fail(provision, reason);
            case BackupCommand backup -> backups.giveUp(backup, reason);
            default -> refuse(command, reason);
        }
    }

    private Optional<String> unknownRegion(String provider, String region) {
        RegionId id = new RegionId(provider, region);
        return catalog.find(id).isPresent()
                ? Optional.empty()
                : Optional.of("No Kubernetes API is configured for " + id + ".");
    }

    private void refuse(ClusterCommand command, String reason) {
        log.warn("Cluster {}: {} {} not carried out: {}", command.clusterId(), command.name(), command.id(), reason);
        publisher.publish(events.changeFailed(command, reason));
    }

    private void fail(ProvisionDBCluster command, String reason) {
        log.warn("Cluster {} failed: {}", command.clusterId(), reason);
        publisher.publish(events.failed(command, reason));
    }

    /** What a Nebula without backups answers to backup commands. */
    private final class RefusedBackups implements BackupCommands {

        @Override
        public void handle(BackupCommand command) {
            refuse(command, "This Nebula does not carry out backup commands.");
        }

        @Override
        public void giveUp(BackupCommand command, String reason) {
            refuse(command, reason);
        }
    }
}
