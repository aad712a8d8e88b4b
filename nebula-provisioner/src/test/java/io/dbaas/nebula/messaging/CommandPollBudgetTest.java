package io.dbaas.nebula.messaging;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandPollBudgetTest {

    @Test
    void aDeletionWaitThatFitsInThePollIntervalIsAccepted() {
        assertThatCode(() -> CommandPollBudget.check(Duration.ofMinutes(5), Map.of("max.poll.interval.ms", "900000")))
                .doesNotThrowAnyException();
    }

    @Test
    void kafkasDefaultPollIntervalCannotHoldTheDefaultDeletionWait() {
        // Five minutes of waiting for a namespace plus the rest of the command do not fit in Kafka's default five.
        assertThatThrownBy(() -> CommandPollBudget.check(Duration.ofMinutes(5), Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("nebula.deletion.timeout (PT5M)")
                .hasMessageContaining("max.poll.interval.ms (PT5M)");
    }

    @Test
    void aPollIntervalGivenAsANumberIsRead() {
        assertThatThrownBy(
                        () -> CommandPollBudget.check(Duration.ofMinutes(10), Map.of("max.poll.interval.ms", 600_000)))
                .isInstanceOf(IllegalStateException.class);
    }
}
