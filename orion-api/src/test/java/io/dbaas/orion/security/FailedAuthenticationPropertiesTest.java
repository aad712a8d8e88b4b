package io.dbaas.orion.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The settings are bound and checked when Orion starts: a wrong value stops the start, naming the setting. */
class FailedAuthenticationPropertiesTest {

    private final ApplicationContextRunner context =
            new ApplicationContextRunner().withUserConfiguration(BindsTheSettings.class);

    @Test
    void defaultsAreTwentyFailuresPerMinuteForAHundredThousandAddresses() {
        context.run(started -> assertThat(started.getBean(FailedAuthenticationProperties.class))
                .isEqualTo(new FailedAuthenticationProperties(20, Duration.ofMinutes(1), 100_000)));
    }

    @Test
    void settingsAreRead() {
        context.withPropertyValues(
                        "orion.security.failed-authentications.per-address=5",
                        "orion.security.failed-authentications.period=2s",
                        "orion.security.failed-authentications.max-tracked-addresses=10")
                .run(started -> assertThat(started.getBean(FailedAuthenticationProperties.class))
                        .isEqualTo(new FailedAuthenticationProperties(5, Duration.ofSeconds(2), 10)));
    }

    @Test
    void zeroOrNegativeValuesStopTheStart() {
        assertRefused("per-address=0", "per-address must be at least 1, was 0");
        assertRefused("per-address=-5", "per-address must be at least 1, was -5");
        assertRefused("period=0s", "period must be positive, was PT0S");
        assertRefused("period=-1m", "period must be positive, was PT-1M");
        assertRefused("max-tracked-addresses=0", "max-tracked-addresses must be at least 1, was 0");
        assertRefused("max-tracked-addresses=-1", "max-tracked-addresses must be at least 1, was -1");
    }

    @Test
    void aRateBucket4jCannotGiveBackStopsTheStartRatherThanTheFirstFailure() {
        assertRefused("period=1ns", "per-address may be at most one failure per nanosecond");
    }

    private void assertRefused(String setting, String message) {
        context.withPropertyValues("orion.security.failed-authentications." + setting)
                .run(started -> assertThat(started)
                        .as(setting)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("orion.security.failed-authentications." + message));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(FailedAuthenticationProperties.class)
    static class BindsTheSettings {}
}
