package io.dbaas.nebula.backup;

import io.dbaas.contracts.event.BackupEvent;
import io.dbaas.nebula.events.ClusterEventPublisher;
import io.dbaas.nebula.kubernetes.model.BackupAgentJob;
import io.dbaas.nebula.kubernetes.region.RegionConnection;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the backup agent's Jobs of one region: an informer on every Job labelled with a backup action. Its initial
 * list hands over the Jobs that ended, or still run, while Nebula was down; each update of a Job's status is looked at,
 * and a Job that ended has its outcome published, then is deleted with its pods (its parameters Secret follows, being
 * owned by it). A failed publication leaves the Job in place: the informer's next resync tries again, with the same
 * event id.
 */
final class RegionJobWatch implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RegionJobWatch.class);
    private static final Duration RESYNC = Duration.ofMinutes(1);

    private final RegionConnection connection;
    private final ClusterEventPublisher publisher;
    private final BackupEvents events;
    private final BackupJobMeters meters;
    private final RestoreOutcomes restores;
    private final Clock clock;
    private final Set<String> handling = ConcurrentHashMap.newKeySet();
    private final ExecutorService outcomes;
    private final SharedIndexInformer<Job> jobs;

    RegionJobWatch(
            RegionConnection connection,
            ClusterEventPublisher publisher,
            BackupEvents events,
            BackupJobMeters meters,
            RestoreOutcomes restores,
            Clock clock) {
        this.connection = connection;
        this.publisher = publisher;
        this.events = events;
        this.meters = meters;
        this.restores = restores;
        this.clock = clock;
        this.outcomes = Executors.newSingleThreadExecutor(Thread.ofPlatform()
                .name("backup-jobs-" + connection.region().id())
                .daemon()
                .factory());
        this.jobs = connection
                .client()
                .batch()
                .v1()
                .jobs()
                .inAnyNamespace()
                .withLabel(BackupAgentJob.BACKUP_ACTION_LABEL)
                .runnableInformer(RESYNC.toMillis());
        this.jobs.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Job job) {
                look(job);
            }

            @Override
            public void onUpdate(Job previous, Job current) {
                look(current);
            }

            @Override
            public void onDelete(Job job, boolean finalStateUnknown) {
                handling.remove(uid(job));
            }
        });
    }

    void start() {
        jobs.start().whenComplete((ignored, failure) -> {
            if (failure == null) {
                log.info("Watching backup Jobs of {}", connection.region().id());
            }
        });
    }

    @Override
    public void close() {
        jobs.close();
        outcomes.shutdownNow();
    }

    private void look(Job job) {
        if (JobCause.of(job).isEmpty()
                || !JobCause.startedFor(job, connection.region().id())
                || !ended(job)
                || !handling.add(uid(job))) {
            return;
        }
        outcomes.execute(() -> conclude(job));
    }

    private void conclude(Job job) {
        JobCause cause = JobCause.of(job).orElseThrow();
        KubernetesClient client = connection.client();
        String namespace = job.getMetadata().getNamespace();
        try {
            List<Pod> pods = client.pods()
                    .inNamespace(namespace)
                    .withLabel(BackupAgentJob.BACKUP_ID_LABEL, cause.backupId())
                    .withLabel(BackupAgentJob.BACKUP_ACTION_LABEL, cause.action())
                    .list()
                    .getItems();
            Optional<JobOutcome> outcome = JobOutcome.of(job, pods, cause);
            if (outcome.isEmpty()) {
                handling.remove(uid(job));
                return;
            }
            Instant started =
                    instant(job.getStatus().getStartTime(), job.getMetadata().getCreationTimestamp());
            Instant finished = instant(job.getStatus().getCompletionTime(), null);
            publish(cause, outcome.get(), started, finished);
            meters.record(cause, outcome.get() instanceof JobOutcome.Succeeded, Duration.between(started, finished));
            client.batch()
                    .v1()
                    .jobs()
                    .inNamespace(namespace)
                    .withName(job.getMetadata().getName())
                    .withPropagationPolicy(DeletionPropagation.BACKGROUND)
                    .delete();
            client.secrets()
                    .inNamespace(namespace)
                    .withName(job.getMetadata().getName())
                    .delete();
        } catch (RuntimeException e) {
            // Looked at again on the next resync, and published with the same id.
            handling.remove(uid(job));
            log.warn(
                    "The end of backup Job {}/{} could not be recorded, will retry: {}",
                    namespace,
                    job.getMetadata().getName(),
                    e.getMessage());
        }
    }

    private void publish(JobCause cause, JobOutcome outcome, Instant started, Instant finished) {
        if (cause.action().equals(BackupAgentJob.RESTORE)) {
            restores.ended(connection, cause, outcome);
            return;
        }
        BackupEvent event =
                switch (outcome) {
                    case JobOutcome.Succeeded succeeded ->
                        cause.action().equals(BackupAgentJob.DELETE)
                                ? events.deleted(cause, succeeded.report().alreadyAbsent())
                                : events.completed(cause, succeeded.report(), started, finished);
                    case JobOutcome.Failed failed -> events.failed(cause, failed.reason());
                };
        publisher.publish(event);
        log.info("Backup {} of cluster {}: {} {}", cause.backupId(), cause.clusterId(), cause.action(), event.name());
    }

    private static boolean ended(Job job) {
        return job.getStatus() != null
                && job.getStatus().getConditions() != null
                && job.getStatus().getConditions().stream()
                        .anyMatch(condition ->
                                ("Complete".equals(condition.getType()) || "Failed".equals(condition.getType()))
                                        && "True".equals(condition.getStatus()));
    }

    private Instant instant(@Nullable String time, @Nullable String fallback) {
        for (String candidate : new String[] {time, fallback}) {
            if (candidate != null) {
                try {
                    return Instant.parse(candidate);
                } catch (DateTimeParseException e) {
                    // try the next
                }
            }
        }
        return clock.instant();
    }

    private static String uid(Job job) {
        String uid = job.getMetadata().getUid();
        return uid != null
                ? uid
                : job.getMetadata().getNamespace() + "/" + job.getMetadata().getName();
    }
}
