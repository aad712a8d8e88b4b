package io.dbaas.nebula.backup;

import io.dbaas.contracts.Engine;
import io.dbaas.contracts.command.ClusterCommand;
import io.dbaas.nebula.kubernetes.model.Annotations;
import io.dbaas.nebula.kubernetes.model.BackupAgentJob;
import io.dbaas.nebula.kubernetes.model.Labels;
import io.dbaas.nebula.region.RegionId;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What a backup agent's Job was started for, kept in its labels and annotations so that whichever Nebula sees it end
 * (the one that created it, another, or itself after a restart) publishes the same outcome with the same id, caused by
 * the same command.
 */
record JobCause(
        UUID clusterId,
        Engine engine,
        String action,
        String backupId,
        UUID commandId,
        UUID correlationId,
        @Nullable String traceId) {

    static final String ENGINE = "dbaas.io/engine";

    static JobCause of(ClusterCommand command, Engine engine, String action, String backupId) {
        return new JobCause(
                command.clusterId(),
                engine,
                action,
                backupId,
                command.id(),
                command.metadata().correlationId(),
                command.metadata().traceId());
    }

    /**
     * The annotations that carry this cause, and the region whose Nebula follows the Job, on the Job: two regions may
     * share one API server, and only the Job's own region publishes its outcome.
     */
    Map<String, String> annotations(RegionId region) {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(Annotations.PROVIDER, region.provider());
        annotations.put(Annotations.REGION, region.region());
        annotations.put(ENGINE, engine.id());
        annotations.put(Annotations.COMMAND_ID, commandId.toString());
        annotations.put(Annotations.CORRELATION_ID, correlationId.toString());
        if (traceId != null) {
            annotations.put(Annotations.TRACE_ID, traceId);
        }
        return annotations;
    }

    /** Whether {@code job} was started for {@code region}. */
    static boolean startedFor(Job job, RegionId region) {
        Map<String, String> annotations = job.getMetadata().getAnnotations();
        return annotations != null
                && region.provider().equals(annotations.get(Annotations.PROVIDER))
                && region.region().equals(annotations.get(Annotations.REGION));
    }

    /** The cause a Job of Nebula's carries; empty for a Job that is not one (or was edited out of shape). */
    static Optional<JobCause> of(Job job) {
        Map<String, String> labels = job.getMetadata().getLabels();
        Map<String, String> annotations = job.getMetadata().getAnnotations();
        if (labels == null || annotations == null) {
            return Optional.empty();
        }
        try {
            Optional<Engine> engine = Engine.fromId(String.valueOf(annotations.get(ENGINE)));
            String action = labels.get(BackupAgentJob.BACKUP_ACTION_LABEL);
            String backupId = labels.get(BackupAgentJob.BACKUP_ID_LABEL);
            if (engine.isEmpty() || action == null || backupId == null) {
                return Optional.empty();
            }
            return Optional.of(new JobCause(
                    UUID.fromString(String.valueOf(labels.get(Labels.CLUSTER_ID))),
                    engine.get(),
                    action,
                    backupId,
                    UUID.fromString(String.valueOf(annotations.get(Annotations.COMMAND_ID))),
                    UUID.fromString(String.valueOf(annotations.get(Annotations.CORRELATION_ID))),
                    annotations.get(Annotations.TRACE_ID)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
