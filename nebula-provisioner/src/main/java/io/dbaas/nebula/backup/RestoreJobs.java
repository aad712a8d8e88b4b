package io.dbaas.nebula.backup;

import io.dbaas.contracts.Engine;
import io.dbaas.contracts.backup.RestoreSource;
import io.dbaas.contracts.event.ClusterFailed;
import io.dbaas.contracts.tracing.MessageTracing;
import io.dbaas.nebula.backup.storage.BackupStorageException;
import io.dbaas.nebula.backup.storage.SnapshotLocations;
import io.dbaas.nebula.config.BackupJobProperties;
import io.dbaas.nebula.config.BackupStorage;
import io.dbaas.nebula.events.ClusterEventPublisher;
import io.dbaas.nebula.events.ClusterEvents;
import io.dbaas.nebula.events.EventIds;
import io.dbaas.nebula.kubernetes.model.Annotations;
import io.dbaas.nebula.kubernetes.model.BackupAgentJob;
import io.dbaas.nebula.kubernetes.model.ElasticsearchCluster;
import io.dbaas.nebula.kubernetes.model.ElasticsearchNames;
import io.dbaas.nebula.kubernetes.model.ResourceNames;
import io.dbaas.nebula.kubernetes.region.RegionConnection;
import io.dbaas.nebula.kubernetes.status.BackupRestores;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restores a new cluster from the backup its claim named, once every node of it is ready: a {@code restore} Job of the
 * agent, named after the backup, in the new cluster's namespace. Elasticsearch reads the source cluster's repository
 * (same account, the source's base path) registered read-only; Qdrant recovers the snapshot of the source's node
 * <i>i</i> on node <i>i</i> from a pre-signed URL of the region's store, checked against its checksum. The Job's end is
 * recorded on the cluster's StatefulSet: a success lets the status side announce {@code ClusterProvisioned}; a failure
 * is announced here, as {@code ClusterFailed} with the agent's reason.
 */
final class RestoreJobs implements BackupRestores, RestoreOutcomes {

    private static final Logger log = LoggerFactory.getLogger(RestoreJobs.class);

    private final ClusterEventPublisher publisher;
    private final MessageTracing tracing;
    private final BackupJobProperties settings;
    private final @Nullable SnapshotLocations snapshotLocations;
    private final Clock clock;

    RestoreJobs(
            ClusterEventPublisher publisher,
            MessageTracing tracing,
            BackupJobProperties settings,
            @Nullable SnapshotLocations snapshotLocations,
            Clock clock) {
        this.publisher = publisher;
        this.tracing = tracing;
        this.settings = settings;
        this.snapshotLocations = snapshotLocations;
        this.clock = clock;
    }

    @Override
    public void restoreDue(RegionConnection connection, DueRestore restore) {
        JobCause cause;
        KubernetesClient client = connection.client();
        Namespace namespace = client.namespaces().withName(restore.namespace()).get();
        Map<String, String> annotations =
                namespace == null ? null : namespace.getMetadata().getAnnotations();
        Optional<RestoreSource> source = Annotations.restoreSource(annotations);
        String account = annotations == null ? null : annotations.get(Annotations.ACCOUNT_ID);
        String backupId = source.map(RestoreSource::backupId).orElse("");
        cause = new JobCause(
                restore.clusterId(),
                restore.engine(),
                BackupAgentJob.RESTORE,
                backupId,
                restore.commandId(),
                restore.correlationId(),
                restore.traceId());
        if (source.isEmpty() || account == null) {
            fail(connection, cause, "the cluster's namespace does not say which backup of which account to restore");
            return;
        }
        BackupStorage storage = connection.region().properties().backupStorage();
        if (storage == null) {
            fail(connection, cause, "the region has no backup storage");
            return;
        }
        String parameters;
        try {
            parameters = parameters(connection, restore.engine(), storage, UUID.fromString(account), source.get());
        } catch (BackupStorageException e) {
            fail(connection, cause, e.getMessage() == null ? "the backup storage could not be read" : e.getMessage());
            return;
        }
        AgentJobs.start(
                client,
                new BackupAgentJob(
                        BackupAgentJob.RESTORE,
                        restore.engine(),
                        backupId,
                        restore.clusterId(),
                        restore.nodes(),
                        parameters,
                        settings,
                        cause.annotations(connection.region().id())));
    }

    @Override
    public void ended(RegionConnection connection, JobCause cause, JobOutcome outcome) {
        switch (outcome) {
            case JobOutcome.Succeeded succeeded -> {
                record(connection, cause, Annotations.RESTORE_SUCCEEDED);
                log.info("Cluster {}: backup {} restored", cause.clusterId(), cause.backupId());
            }
            case JobOutcome.Failed failed -> fail(connection, cause, failed.reason());
        }
    }

    private String parameters(
            RegionConnection connection, Engine engine, BackupStorage storage, UUID accountId, RestoreSource source) {
        if (engine == Engine.ELASTICSEARCH) {
            return AgentParameters.repository(
                    ElasticsearchCluster.snapshotRepository(storage, accountId, source.sourceClusterId()),
                    AgentParameters.RESTORE_REPOSITORY);
        }
        if (snapshotLocations == null) {
            throw new BackupStorageException("this Nebula cannot sign the URLs of the backup's snapshots");
        }
        List<URI> locations = snapshotLocations.presignedSnapshotUrls(
                connection.region(), accountId, source, settings.restoreUrlValidity());
        return AgentParameters.recoveries(source.snapshots(), locations);
    }

    /** Announces the cluster failed, then records it, so that the status side never announces it provisioned. */
    private void fail(RegionConnection connection, JobCause cause, String reason) {
        String sentence = "Restoring backup " + cause.backupId() + " failed: " + reason;
        log.warn("Cluster {}: {}", cause.clusterId(), sentence);
        publisher.publish(new ClusterFailed(
                EventIds.of(cause.commandId(), ClusterFailed.NAME),
                clock.instant(),
                tracing.stamped(ClusterEvents.causedBy(cause.commandId(), cause.correlationId(), cause.traceId())),
                cause.clusterId(),
                sentence));
        record(connection, cause, Annotations.RESTORE_FAILED);
    }

    private static void record(RegionConnection connection, JobCause cause, String outcome) {
        connection
                .client()
                .apps()
                .statefulSets()
                .inNamespace(ResourceNames.namespace(cause.clusterId()))
                .withName(
                        cause.engine() == Engine.ELASTICSEARCH
                                ? ElasticsearchNames.STATEFUL_SET
                                : ResourceNames.QDRANT_STATEFUL_SET)
                .edit(live -> {
                    live.getMetadata().getAnnotations().put(Annotations.RESTORE_OUTCOME, outcome);
                    return live;
                });
    }
}
