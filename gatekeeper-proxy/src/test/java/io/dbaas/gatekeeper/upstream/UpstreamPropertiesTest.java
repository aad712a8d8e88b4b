package io.dbaas.gatekeeper.upstream;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class UpstreamPropertiesTest {

    private static final Duration SECOND = Duration.ofSeconds(1);

    @Test
    void theDefaultsAreAccepted() {
        assertThatNoException()
                .isThrownBy(() -> new UpstreamProperties(Duration.ofSeconds(5), Duration.ofSeconds(60), 500, SECOND));
    }

    @Test
    void aPoolWithoutConnectionsOrWithoutIdleTimeIsRefusedAtStartUp() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new UpstreamProperties(SECOND, SECOND, 0, SECOND))
                .withMessageContaining("max-connections");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new UpstreamProperties(SECOND, SECOND, 1, Duration.ZERO))
                .withMessageContaining("max-idle-time");
    }

    @Test
    void timeoutsMustBePositive() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new UpstreamProperties(Duration.ZERO, SECOND, 1, SECOND))
                .withMessageContaining("connect-timeout");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new UpstreamProperties(SECOND, Duration.ofSeconds(-1), 1, SECOND))
                .withMessageContaining("response-timeout");
    }
}
