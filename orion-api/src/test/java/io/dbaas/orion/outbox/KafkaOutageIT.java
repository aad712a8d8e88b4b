package io.dbaas.orion.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.dbaas.orion.support.Claims;
import io.dbaas.orion.support.OrionIntegrationTests.Response;
import io.dbaas.orion.support.OutageIntegrationTests;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The broker stops while Orion runs: claims are still accepted, and every command is published once it is back. */
class KafkaOutageIT extends OutageIntegrationTests {

    private static final int CLUSTERS = 4;
    private static final int FOLLOW_UPS_PER_CLUSTER = 2;

    private final Logger relayLogger = (Logger) LoggerFactory.getLogger(OutboxRelay.class);
    private final ListAppender<ILoggingEvent> relayLog = new ListAppender<>();

    @BeforeEach
    void listenToTheRelay() {
        relayLog.start();
        relayLogger.addAppender(relayLog);
    }

    @AfterEach
    void stopListening() {
        relayLogger.detachAppender(relayLog);
    }

    @Test
    void claimsAreAcceptedWhileKafkaIsAwayAndEveryCommandIsPublishedInOrderOnceItIsBack() {
        stopBroker();

        List<String> clusters = new ArrayList<>();
        for (int i = 0; i < CLUSTERS; i++) {
            Response claim = post("/v1/clusters", Claims.VALID);
            assertThat(claim.status()).as(claim.body()).isEqualTo(202);
            clusters.add(claim.json().get("id").asString());
        }
        for (int round = 0; round < FOLLOW_UPS_PER_CLUSTER; round++) {
            clusters.forEach(cluster -> appendCommand(UUID.fromString(cluster)));
        }
        Map<String, List<UUID>> written = commandsAsWritten(clusters);
        int expected = written.values().stream().mapToInt(List::size).sum();
        assertThat(expected)
                .as("a claim's command and its follow-ups")
                .isEqualTo(CLUSTERS * (1 + FOLLOW_UPS_PER_CLUSTER));

        await().atMost(Duration.ofSeconds(30)).until(() -> warnings().size() == 1);
        assertThat(warnings().getFirst().getFormattedMessage())
                .contains("Kafka did not acknowledge")
                .containsPattern("\\d+ message\\(s\\), the oldest for \\d+ s");
        assertThat(unpublished(clusters))
                .as("nothing marked published while the broker is away")
                .isEqualTo(expected);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(metric("orion_outbox_messages_waiting"))
                .isGreaterThanOrEqualTo(expected));
        assertThat(metric("orion_outbox_oldest_waiting_age_seconds")).isGreaterThan(0);
        assertThat(management("/actuator/health/readiness").status())
                .as("still ready: claims are accepted into the outbox")
                .isEqualTo(200);

        // Some more seconds of outage: the relay keeps trying, backing off, without repeating its warning each time.
        Instant later = Instant.now().plusSeconds(5);
        await().atMost(Duration.ofSeconds(7)).until(() -> Instant.now().isAfter(later));
        assertThat(metric("orion_outbox_relay_failures_total{cause=\"kafka\"}"))
                .as("failed passes")
                .isGreaterThanOrEqualTo(2);
        assertThat(warnings()).hasSize(1);

        startBroker();

        Map<String, List<UUID>> published = commandsAsPublished(clusters, expected);
        for (String cluster : clusters) {
            assertThat(published.get(cluster))
                    .as("commands of cluster %s in the order Kafka holds them", cluster)
                    .containsExactlyElementsOf(written.get(cluster));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> unpublished(clusters) == 0);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(metric("orion_outbox_messages_waiting"))
                .isZero());
        assertThat(relayLog())
                .anySatisfy(event -> assertThat(event.getFormattedMessage()).contains("publishes again"));
    }

    private List<ILoggingEvent> warnings() {
        return relayLog().stream()
                .filter(event -> event.getLevel() == Level.WARN)
                .toList();
    }

    /** What the relay logged so far; the appender appends under its own lock. */
    private List<ILoggingEvent> relayLog() {
        synchronized (relayLog) {
            return List.copyOf(relayLog.list);
        }
    }

    /** The value of one Prometheus sample, named with its labels as the exposition writes them. */
    private double metric(String sample) {
        String body = management("/actuator/prometheus").body();
        return body.lines()
                .filter(line -> line.startsWith(sample + " "))
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no sample " + sample + " in\n" + body));
    }
}
