package io.dbaas.orion.audit;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Deletes audit events older than {@code orion.audit.retention}, like expired idempotency keys. */
@Component
class AuditPurge {

    private static final Logger log = LoggerFactory.getLogger(AuditPurge.class);

    private final AuditEvents events;
    private final AuditProperties properties;
    private final Clock clock;

    AuditPurge(AuditEvents events, AuditProperties properties, Clock clock) {
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${orion.audit.purge-interval}")
    @Transactional
    public void purgeExpired() {
        int purged = events.purgeBefore(clock.instant().minus(properties.retention()));
        if (purged > 0) {
            log.info("Purged {} audit event(s) older than {}", purged, properties.retention());
        }
    }
}
