package io.dbaas.orion.security;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class FailedAuthenticationBudgetTest {

    private final FakeTime time = new FakeTime();
    private final FailedAuthenticationBudget budget =
            new FailedAuthenticationBudget(new FailedAuthenticationProperties(3, Duration.ofMinutes(1), 100), time);
    private final Logger logger = (Logger) LoggerFactory.getLogger(FailedAuthenticationBudget.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void captureLog() {
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void releaseLog() {
        logger.detachAppender(logged);
    }

    @Test
    void anAddressHasItsFailuresThenWaitsForOneToComeBack() {
        for (int i = 0; i < 3; i++) {
            assertThat(budget.exhaustedFor("203.0.113.1")).isEmpty();
            budget.failed("203.0.113.1");
        }

        assertThat(budget.exhaustedFor("203.0.113.1"))
                .as("one failure comes back every period / per-address = 20 s")
                .contains(Duration.ofSeconds(20));
        assertThat(budget.exhaustedFor("203.0.113.2")).as("another address").isEmpty();
    }

    @Test
    void lookingSpendsNothing() {
        for (int i = 0; i < 100; i++) {
            assertThat(budget.exhaustedFor("203.0.113.1")).isEmpty();
        }
        budget.failed("203.0.113.1");
        budget.failed("203.0.113.1");

        assertThat(budget.exhaustedFor("203.0.113.1")).isEmpty();
    }

    @Test
    void failuresComeBackSmoothlyAndWholeAfterThePeriod() {
        exhaust("203.0.113.1");

        time.advance(Duration.ofSeconds(20));
        assertThat(budget.exhaustedFor("203.0.113.1")).as("one back after 20 s").isEmpty();
        budget.failed("203.0.113.1");
        assertThat(budget.exhaustedFor("203.0.113.1")).contains(Duration.ofSeconds(20));

        time.advance(Duration.ofMinutes(1));
        for (int i = 0; i < 3; i++) {
            assertThat(budget.exhaustedFor("203.0.113.1"))
                    .as("all three back after a period")
                    .isEmpty();
            budget.failed("203.0.113.1");
        }
        assertThat(budget.exhaustedFor("203.0.113.1")).isPresent();
    }

    @Test
    void theWaitIsExactToTheNanosecond() {
        exhaust("203.0.113.1");

        time.advance(Duration.ofSeconds(19).plusMillis(999));

        assertThat(budget.exhaustedFor("203.0.113.1")).contains(Duration.ofMillis(1));
    }

    @Test
    void theBlockIsLoggedOncePerEpisodeWithTheAddressOnly() {
        exhaust("203.0.113.1");
        // Guessing exactly as fast as failures come back: blocked again and again, within one episode.
        for (int i = 0; i < 5; i++) {
            time.advance(Duration.ofSeconds(20));
            budget.failed("203.0.113.1");
        }
        assertThat(warnings()).hasSize(1);
        assertThat(warnings().getFirst())
                .startsWith("Client address 203.0.113.1 used up its 3 failed authentications per PT1M");

        time.advance(Duration.ofMinutes(1));
        exhaust("203.0.113.1");

        assertThat(warnings())
                .as("a new episode once the whole budget was back")
                .hasSize(2);
    }

    @Test
    void anAddressIsMadePrintableAndShortBeforeItIsKeptOrLogged() {
        String forged = "203.0.113.1\tforged entry " + "x".repeat(200);

        exhaust(forged);

        assertThat(warnings().getFirst())
                .contains("Client address 203.0.113.1?forged?entry?xxx")
                .doesNotContain("\t")
                .doesNotContain("x".repeat(60));
        assertThat(budget.exhaustedFor(forged)).isPresent();
    }

    @Test
    void memoryIsBoundedWhateverTheNumberOfAddresses() {
        for (int i = 0; i < 10_000; i++) {
            budget.failed("10.0." + (i / 256) + "." + (i % 256));
        }

        assertThat(budget.trackedAddresses()).isLessThanOrEqualTo(100);
    }

    @Test
    void anAddressUntouchedForAPeriodIsForgotten() {
        exhaust("203.0.113.1");

        time.advance(Duration.ofMinutes(1).plusNanos(1));

        assertThat(budget.trackedAddresses()).isZero();
        assertThat(budget.exhaustedFor("203.0.113.1")).isEmpty();
    }

    private void exhaust(String address) {
        for (int i = 0; i < 3; i++) {
            budget.failed(address);
        }
        assertThat(budget.exhaustedFor(address)).isPresent();
    }

    private java.util.List<String> warnings() {
        return logged.list.stream()
                .filter(event -> event.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    /** Time that moves only when told, for both the buckets and the forgetting of addresses. */
    private static final class FakeTime implements TimeMeter {

        private long nanos = 1_000_000_000L;

        void advance(Duration duration) {
            nanos += duration.toNanos();
        }

        @Override
        public long currentTimeNanos() {
            return nanos;
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    }
}
