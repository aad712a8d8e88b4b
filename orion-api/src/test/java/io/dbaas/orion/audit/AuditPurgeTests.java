package io.dbaas.orion.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.orion.support.OrionIntegrationTests;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Events older than orion.audit.retention (400 days by default) are purged; younger ones are kept. */
class AuditPurgeTests extends OrionIntegrationTests {

    @Autowired
    AuditPurge purge;

    @Autowired
    AuditProperties properties;

    @Autowired
    JdbcClient jdbc;

    @Test
    void eventsPastTheirRetentionArePurgedAndTheOthersKept() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        UUID expired = insert(now.minus(properties.retention()).minus(Duration.ofMinutes(1)));
        UUID kept = insert(now.minus(properties.retention()).plus(Duration.ofHours(1)));

        purge.purgeExpired();

        assertThat(properties.retention()).isEqualTo(Duration.ofDays(400));
        assertThat(exists(expired)).isFalse();
        assertThat(exists(kept)).isTrue();
    }

    private UUID insert(Instant occurredAt) {
        var event = new AuditEvent(
                UUID.randomUUID(),
                occurredAt,
                account.id(),
                UUID.randomUUID(),
                "admin",
                "cluster.delete",
                "cluster",
                UUID.randomUUID().toString(),
                AuditOutcome.ACCEPTED,
                202,
                null,
                "127.0.0.1");
        new AuditEvents(jdbc).append(event);
        return event.id();
    }

    private boolean exists(UUID id) {
        return jdbc.sql("select count(*) from audit_events where id = :id")
                        .param("id", id)
                        .query(Long.class)
                        .single()
                > 0;
    }
}
