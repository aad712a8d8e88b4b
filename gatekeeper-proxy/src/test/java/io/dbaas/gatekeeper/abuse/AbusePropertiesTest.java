package io.dbaas.gatekeeper.abuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AbusePropertiesTest {

    @Test
    void aRateBucket4jCannotRefillIsRefusedAtStartUpNotOnTheFirstRequest() {
        assertThatThrownBy(() ->
                        new AbuseProperties(1_000_000_001, Duration.ofSeconds(1), 20, Duration.ofMinutes(1), 100_000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("one request per nanosecond");
    }

    @Test
    void theHighestRateBucket4jTakesIsUsable() {
        AbuseProtection abuse = new AbuseProtection(
                new AbuseProperties(1_000_000_000, Duration.ofSeconds(1), 20, Duration.ofMinutes(1), 100_000));

        assertThat(abuse.requestWithKey("dbk_any")).isEmpty();
    }
}
