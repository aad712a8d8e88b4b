package io.dbaas.nebula.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.contracts.Engine;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** How a Job that ended without the agent's report is explained: Kubernetes' own reasons, never a pod's words. */
class JobOutcomeTest {

    private final JobCause cause = new JobCause(
            UUID.randomUUID(),
            Engine.ELASTICSEARCH,
            "take",
            AgentReportTest.BACKUP_ID,
            UUID.randomUUID(),
            UUID.randomUUID(),
            null);

    @Test
    void aJobStillRunningHasNoOutcome() {
        assertThat(JobOutcome.of(
                        new JobBuilder()
                                .withNewStatus()
                                .withActive(1)
                                .endStatus()
                                .build(),
                        List.of(),
                        cause))
                .isEmpty();
    }

    @Test
    void anImageThatCannotBePulledIsTheReasonOfAJobPastItsDeadline() {
        Pod waiting = new PodBuilder()
                .withNewStatus()
                .withContainerStatuses(new ContainerStatusBuilder()
                        .withName("backup-agent")
                        .withNewState()
                        .withNewWaiting()
                        .withReason("ImagePullBackOff")
                        .withMessage("Back-off pulling image \"registry.internal/dbaas/backup-agent:0.1.0\"")
                        .endWaiting()
                        .endState()
                        .build())
                .endStatus()
                .build();

        assertThat(JobOutcome.of(failed("DeadlineExceeded"), List.of(waiting), cause))
                .contains(new JobOutcome.Failed("The backup agent's Job failed without a report: the agent's container"
                        + " never ran (ImagePullBackOff)."));
    }

    @Test
    void aJobWhosePodsAreGoneIsExplainedByItsCondition() {
        assertThat(JobOutcome.of(failed("DeadlineExceeded"), List.of(), cause))
                .contains(new JobOutcome.Failed("The backup agent's Job failed without a report: the Job ended"
                        + " DeadlineExceeded and no pod of it left a trace."));
    }

    private static Job failed(String reason) {
        return new JobBuilder()
                .withNewStatus()
                .addNewCondition()
                .withType("Failed")
                .withStatus("True")
                .withReason(reason)
                .endCondition()
                .endStatus()
                .build();
    }
}
