package io.dbaas.gatekeeper.problem;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

class FailureResponderTest {

    @Test
    void aKnownProblemIsAnsweredAsItIs() {
        assertThat(FailureResponder.problemFor(new ProblemException(Problem.UPSTREAM_UNAVAILABLE)))
                .isEqualTo(Problem.UPSTREAM_UNAVAILABLE);
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void anUnexpectedFailureIsAnInternalErrorThatKeepsItsMessageOutOfTheLog(CapturedOutput log) {
        Problem problem =
                FailureResponder.problemFor(new IllegalStateException("api-key=dbk_secret leaked into a message"));

        assertThat(problem).isEqualTo(Problem.INTERNAL_ERROR);
        assertThat(problem.toString()).doesNotContain("dbk_secret");
        assertThat(log.getAll()).contains("IllegalStateException").doesNotContain("dbk_secret");
    }
}
