package io.dbaas.nebula.backup;

import io.dbaas.contracts.Engine;
import io.dbaas.contracts.command.BackupCommand;
import io.dbaas.contracts.command.DeleteBackup;
import io.dbaas.contracts.command.PurgeClusterBackups;
import io.dbaas.contracts.command.TakeBackup;
import io.dbaas.nebula.config.BackupJobProperties;
import io.dbaas.nebula.config.BackupStorage;
import io.dbaas.nebula.events.ClusterEventPublisher;
import io.dbaas.nebula.kubernetes.model.BackupAgentJob;
import io.dbaas.nebula.kubernetes.model.ElasticsearchCluster;
import io.dbaas.nebula.kubernetes.region.RegionClients;
import io.dbaas.nebula.kubernetes.region.RegionConnection;
import io.dbaas.nebula.kubernetes.region.RegionUnavailableException;
import io.dbaas.nebula.provisioning.BackupCommands;
import io.dbaas.nebula.provisioning.CommandDeferredException;
import io.dbaas.nebula.region.Region;
import io.dbaas.nebula.region.RegionCatalog;
import io.dbaas.nebula.region.RegionId;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out {@code TakeBackup} and {@code DeleteBackup} by starting the backup agent's Job in the cluster's
 * namespace, once the command is checked: its region is known and has backup storage, and the cluster is there,
 * belongs to the command's account and runs. What the Job ends with is published by {@link BackupJobWatch}. A refused
 * command is answered at once with the action's failure, with the same event id the Job's outcome would have had.
 */
public class BackupCommandHandler implements BackupCommands {

    private static final Logger log = LoggerFactory.getLogger(BackupCommandHandler.class);

    private final RegionCatalog catalog;
    private final RegionClients clients;
    private final ClusterEventPublisher publisher;
    private final BackupEvents events;
    private final BackupJobProperties settings;

    BackupCommandHandler(
            RegionCatalog catalog,
            RegionClients clients,
            ClusterEventPublisher publisher,
            BackupEvents events,
            BackupJobProperties settings) {
        this.catalog = catalog;
        this.clients = clients;
        this.publisher = publisher;
        this.events = events;
        this.settings = settings;
    }

    @Override
    public void handle(BackupCommand command) {
        switch (command) {
            case TakeBackup take -> start(take, BackupAgentJob.TAKE, take.backupId());
            case DeleteBackup delete -> start(delete, BackupAgentJob.DELETE, delete.backupId());
            case PurgeClusterBackups purge ->
                log.warn(
                        "Cluster {}: {} {} is not carried out by this part of Nebula",
                        purge.clusterId(),
                        purge.name(),
                        purge.id());
        }
    }

    @Override
    public void giveUp(BackupCommand command, String reason) {
        switch (command) {
            case TakeBackup take -> fail(cause(take, BackupAgentJob.TAKE, take.backupId()), reason);
            case DeleteBackup delete -> fail(cause(delete, BackupAgentJob.DELETE, delete.backupId()), reason);
            case PurgeClusterBackups purge ->
                log.warn("Cluster {}: {} {} given up: {}", purge.clusterId(), purge.name(), purge.id(), reason);
        }
    }

    private void start(BackupCommand command, String action, String backupId) {
        JobCause cause = cause(command, action, backupId);
        RegionId regionId = new RegionId(command.cloudProvider(), command.cloudRegion());
        Optional<Region> region = catalog.find(regionId);
        if (region.isEmpty()) {
            fail(cause, "No Kubernetes API is configured for " + regionId + ".");
            return;
        }
        BackupStorage storage = region.get().properties().backupStorage();
        if (storage == null) {
            fail(cause, "The region has no backup storage (" + regionId + "): nothing can be backed up there.");
            return;
        }
        try {
            RegionConnection connection = clients.connect(region.get());
            ClusterChecks.Verdict cluster = ClusterChecks.running(
                    connection.client(), command.clusterId(), command.accountId(), command.engine());
            String refusal = cluster.refusal();
            if (refusal != null) {
                fail(cause, refusal);
                return;
            }
            BackupAgentJob job = new BackupAgentJob(
                    action,
                    command.engine(),
                    backupId,
                    command.clusterId(),
                    cluster.nodes(),
                    parameters(command, storage),
                    settings,
                    cause.annotations(regionId));
            AgentJobs.start(connection.client(), job);
        } catch (RegionUnavailableException e) {
            throw new CommandDeferredException(e.getMessage() == null ? "region unavailable" : e.getMessage(), e);
        } catch (KubernetesClientException e) {
            throw new CommandDeferredException(
                    "The Kubernetes API of " + regionId + " answered " + e.getCode() + " while starting the backup"
                            + " agent's Job",
                    e);
        }
    }

    /** Elasticsearch: the cluster's own repository; Qdrant: none to take, the backup's snapshots to delete. */
    private static @Nullable String parameters(BackupCommand command, BackupStorage storage) {
        if (command.engine() == Engine.ELASTICSEARCH) {
            return AgentParameters.repository(
                    ElasticsearchCluster.snapshotRepository(storage, command.accountId(), command.clusterId()),
                    AgentParameters.OWN_REPOSITORY);
        }
        return command instanceof DeleteBackup delete ? AgentParameters.deletion(delete.snapshots()) : null;
    }

    private static JobCause cause(BackupCommand command, String action, String backupId) {
        return JobCause.of(command, command.engine(), action, backupId);
    }

    private void fail(JobCause cause, String reason) {
        log.warn(
                "Cluster {}: backup {} ({}) not carried out: {}",
                cause.clusterId(),
                cause.backupId(),
                cause.action(),
                reason);
        publisher.publish(events.failed(cause, reason));
    }
}
