package io.dbaas.orion.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.contracts.event.ClusterFailed;
import io.dbaas.contracts.event.ClusterProvisioningStarted;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;

/** Events are readable for the retention (90 days by default) after they occurred, then purged by one instance. */
class ClusterEventRetentionTests extends ClusterEventFeed {

    /** "events": the advisory lock the purge takes, as a second Orion instance would hold it. */
    static final long PURGE_LOCK = 0x6576656e7473L;

    @Autowired
    ClusterEventProperties properties;

    @Autowired
    RecordedClusterEvents events;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    DataSource dataSource;

    final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @Test
    void theRetentionIs90DaysUnlessConfigured() {
        assertThat(properties.retention()).isEqualTo(Duration.ofDays(90));
    }

    @Test
    void eventsOlderThanTheRetentionArePurgedAndYoungerOnesStayReadable() {
        UUID old = UUID.randomUUID();
        UUID recent = UUID.randomUUID();
        deliver(new ClusterProvisioningStarted(old, now.minus(Duration.ofDays(91)), causedBy(creation), clusterId));
        deliver(new ClusterFailed(recent, now.minus(Duration.ofDays(10)), causedBy(creation), clusterId, "gave up"));

        int purged = retentionAt(now).purge();

        assertThat(purged).isGreaterThanOrEqualTo(1);
        assertThat(get(eventsPath()).json().get("items").findValuesAsString("id"))
                .containsExactly(recent.toString());

        // 85 days on, the recent one is 95 days old.
        retentionAt(now.plus(Duration.ofDays(85))).purge();

        assertThat(get(eventsPath()).json().get("items").size()).isZero();
        assertThat(get("/v1/clusters/" + clusterId).status())
                .as("the cluster outlives its events")
                .isEqualTo(200);
    }

    @Test
    void whileAnotherInstancePurgesThisOneLeavesTheEventsToIt() throws SQLException {
        UUID old = UUID.randomUUID();
        deliver(new ClusterProvisioningStarted(old, now.minus(Duration.ofDays(100)), causedBy(creation), clusterId));

        try (Connection otherInstance = dataSource.getConnection()) {
            otherInstance.setAutoCommit(false);
            try (PreparedStatement lock = otherInstance.prepareStatement("select pg_advisory_xact_lock(?)")) {
                lock.setLong(1, PURGE_LOCK);
                lock.execute();
            }

            assertThat(retentionAt(now).purge()).isZero();
            assertThat(recorded(old)).isEqualTo(1);

            otherInstance.commit();
        }
        retentionAt(now).purge();
        assertThat(recorded(old)).isZero();
    }

    private ClusterEventRetention retentionAt(Instant instant) {
        return new ClusterEventRetention(jdbc, transactions, events, properties, Clock.fixed(instant, ZoneOffset.UTC));
    }
}
