package io.dbaas.nebula.backup;

import io.dbaas.nebula.kubernetes.model.BackupAgentJob;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a finished agent Job ended with, from the Job's status and its pods' termination messages: the agent's report
 * when it succeeded, else a reason. A report is believed only when it is well formed and about this Job's action and
 * backup; a Job that ended without one is failed with the reason Kubernetes gives (the container's end, the pod
 * waiting for its image, the Job's deadline).
 */
sealed interface JobOutcome {

    String UNREADABLE = "The backup agent's report could not be read";

    /** The agent reported success. */
    record Succeeded(AgentReport report) implements JobOutcome {}

    /** The action failed; {@code reason} is safe to show. */
    record Failed(String reason) implements JobOutcome {}

    /** Empty while the Job runs. */
    static Optional<JobOutcome> of(Job job, List<Pod> pods, JobCause cause) {
        boolean succeeded = hasCondition(job, "Complete")
                || count(job.getStatus() == null ? null : job.getStatus().getSucceeded()) > 0;
        boolean failed = hasCondition(job, "Failed");
        if (!succeeded && !failed) {
            return Optional.empty();
        }
        Optional<ContainerStateTerminated> ended = lastEnded(pods, succeeded);
        Optional<AgentReport> report =
                ended.flatMap(state -> AgentReport.read(state.getMessage(), cause.action(), cause.backupId()));
        if (report.isPresent()) {
            if (report.get().succeeded() && succeeded) {
                return Optional.of(new Succeeded(report.get()));
            }
            if (!report.get().succeeded()) {
                return Optional.of(new Failed(report.get().reason()));
            }
        }
        boolean messageLeft = ended.map(state ->
                        state.getMessage() != null && !state.getMessage().isBlank())
                .orElse(false);
        String how = howItEnded(job, pods, ended.orElse(null));
        if (messageLeft || succeeded) {
            return Optional.of(new Failed(UNREADABLE + " (" + how + ")."));
        }
        return Optional.of(new Failed("The backup agent's Job failed without a report: " + how + "."));
    }

    private static boolean hasCondition(Job job, String type) {
        if (job.getStatus() == null || job.getStatus().getConditions() == null) {
            return false;
        }
        return job.getStatus().getConditions().stream()
                .anyMatch(condition -> type.equals(condition.getType()) && "True".equals(condition.getStatus()));
    }

    private static int count(@Nullable Integer value) {
        return value == null ? 0 : value;
    }

    /** The agent container's last end: a successful one for a Job that succeeded, else the latest. */
    private static Optional<ContainerStateTerminated> lastEnded(List<Pod> pods, boolean succeeded) {
        return pods.stream()
                .map(JobOutcome::agentStatus)
                .flatMap(Optional::stream)
                .map(ContainerStatus::getState)
                .map(ContainerState::getTerminated)
                .filter(java.util.Objects::nonNull)
                .filter(terminated -> !succeeded || count(terminated.getExitCode()) == 0)
                .max(Comparator.comparing(
                        terminated -> terminated.getFinishedAt() == null ? "" : terminated.getFinishedAt()));
    }

    private static Optional<ContainerStatus> agentStatus(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return Optional.empty();
        }
        return pod.getStatus().getContainerStatuses().stream()
                .filter(status -> BackupAgentJob.CONTAINER.equals(status.getName()))
                .findFirst();
    }

    /** Kubernetes' own words for how the Job ended: reasons and exit codes only, never a message from the pod. */
    private static String howItEnded(Job job, List<Pod> pods, @Nullable ContainerStateTerminated ended) {
        if (ended != null) {
            return "the agent's container ended " + (ended.getReason() == null ? "" : ended.getReason() + ", ")
                    + "exit code " + count(ended.getExitCode());
        }
        Optional<String> waiting = pods.stream()
                .map(JobOutcome::agentStatus)
                .flatMap(Optional::stream)
                .map(ContainerStatus::getState)
                .filter(state -> state != null && state.getWaiting() != null)
                .map(state -> state.getWaiting().getReason())
                .filter(java.util.Objects::nonNull)
                .findFirst();
        if (waiting.isPresent()) {
            return "the agent's container never ran (" + waiting.get() + ")";
        }
        String jobReason = job.getStatus() == null || job.getStatus().getConditions() == null
                ? null
                : job.getStatus().getConditions().stream()
                        .filter(condition -> "Failed".equals(condition.getType()))
                        .map(JobCondition::getReason)
                        .filter(java.util.Objects::nonNull)
                        .findFirst()
                        .orElse(null);
        return jobReason == null ? "no pod of it ran" : "the Job ended " + jobReason + " and no pod of it left a trace";
    }
}
