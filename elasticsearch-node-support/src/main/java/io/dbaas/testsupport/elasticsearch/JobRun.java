package io.dbaas.testsupport.elasticsearch;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The Job controller's record of one Job: its pods in order, how many failed or succeeded, when the next pod may be
 * made, and the Job's status written back when it changes.
 */
final class JobRun {

    private static final Duration MAX_BACK_OFF = Duration.ofMinutes(6);

    private final KubernetesClient client;
    private final String namespace;
    private final String name;
    private final Duration backOff;
    private final Function<Job, JobPod> newPod;
    private final List<JobPod> pods = new CopyOnWriteArrayList<>();
    private final Instant startTime = Instant.now();
    private int failed;
    private int succeeded;
    private Instant nextPodAt = Instant.MIN;
    private @Nullable List<JobCondition> finished;
    private @Nullable Instant completionTime;
    private @Nullable JobStatus written;

    JobRun(KubernetesClient client, Job job, Duration backOff, Function<Job, JobPod> newPod) {
        this.client = client;
        this.namespace = job.getMetadata().getNamespace();
        this.name = job.getMetadata().getName();
        this.backOff = backOff;
        this.newPod = newPod;
    }

    String name() {
        return name;
    }

    List<JobPod> pods() {
        return pods;
    }

    /** One round of the controller for this Job. */
    synchronized void step(Job job) {
        if (finished == null) {
            JobPod current = pods.isEmpty() ? null : pods.getLast();
            if (current != null && !current.running() && !current.terminated()) {
                current.recordExit();
                if (current.terminated()) {
                    count(current, job);
                }
            }
            boolean active = current != null && !current.terminated();
            if (finished == null && !active && !Instant.now().isBefore(nextPodAt)) {
                JobPod pod = newPod.apply(job);
                pods.add(pod);
                pod.create();
                pod.start();
            }
        }
        writeStatus();
    }

    /** The Job was deleted: its pods are, their containers stopped as a pod deletion stops them. */
    void delete() {
        pods.forEach(JobPod::delete);
    }

    private void count(JobPod pod, Job job) {
        Instant now = Instant.now();
        if (pod.succeeded()) {
            succeeded++;
            completionTime = now;
            finished = List.of(
                    condition("SuccessCriteriaMet", "CompletionsReached", "Reached expected number of succeeded pods"),
                    condition("Complete", "CompletionsReached", "Reached expected number of succeeded pods"));
            return;
        }
        failed++;
        Integer limit = job.getSpec().getBackoffLimit();
        if (failed > (limit == null ? 6 : limit)) {
            finished = List.of(
                    condition("FailureTarget", "BackoffLimitExceeded", "Job has reached the specified backoff limit"),
                    condition("Failed", "BackoffLimitExceeded", "Job has reached the specified backoff limit"));
            return;
        }
        // The controller's back-off before the next pod: 10 s, doubling with each failure, at most 6 minutes.
        Duration delay = backOff.multipliedBy(1L << Math.min(failed - 1, 10));
        nextPodAt = now.plus(delay.compareTo(MAX_BACK_OFF) > 0 ? MAX_BACK_OFF : delay);
    }

    private static JobCondition condition(String type, String reason, String message) {
        String now = Instant.now().toString();
        return new JobConditionBuilder()
                .withType(type)
                .withStatus("True")
                .withReason(reason)
                .withMessage(message)
                .withLastProbeTime(now)
                .withLastTransitionTime(now)
                .build();
    }

    private void writeStatus() {
        int active = (int) pods.stream().filter(pod -> !pod.terminated()).count();
        JobStatus status = new JobStatusBuilder()
                .withStartTime(startTime.toString())
                .withActive(active == 0 ? null : active)
                .withReady(finished == null ? active : 0)
                .withSucceeded(succeeded == 0 ? null : succeeded)
                .withFailed(failed == 0 ? null : failed)
                .withConditions(finished == null ? new ArrayList<>() : new ArrayList<>(finished))
                .withCompletionTime(completionTime == null ? null : completionTime.toString())
                .build();
        if (status.equals(written)) {
            return;
        }
        client.batch().v1().jobs().inNamespace(namespace).withName(name).editStatus(job -> {
            job.setStatus(status);
            return job;
        });
        written = status;
    }
}
