package io.dbaas.orion.events;

import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Forgets cluster events older than the retention. Every Orion instance schedules the purge, but a pass runs only in
 * the instance that takes a PostgreSQL advisory lock for its transaction; the others skip that pass. The deletes are
 * batched so that no transaction holds many rows, and a pass another instance interrupted is simply done by the next.
 */
@Component
class ClusterEventRetention {

    private static final Logger log = LoggerFactory.getLogger(ClusterEventRetention.class);

    private static final long PURGE_LOCK = 0x6576656e7473L; // "events"
    static final int BATCH = 1_000;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final RecordedClusterEvents events;
    private final ClusterEventProperties properties;
    private final Clock clock;

    ClusterEventRetention(
            JdbcClient jdbc,
            PlatformTransactionManager transactionManager,
            RecordedClusterEvents events,
            ClusterEventProperties properties,
            Clock clock) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(
            initialDelayString = "${orion.cluster-events.purge-interval:1h}",
            fixedDelayString = "${orion.cluster-events.purge-interval:1h}")
    void scheduledPurge() {
        try {
            purge();
        } catch (RuntimeException e) {
            // The next pass tries again; events are only kept a little longer meanwhile.
            log.warn(
                    "Purging expired cluster events failed ({}); trying again later",
                    e.getClass().getSimpleName());
        }
    }

    /** Deletes the events that occurred more than the retention ago; returns how many, 0 when another instance purges. */
    int purge() {
        Instant cutoff = clock.instant().minus(properties.retention());
        int purged = 0;
        while (true) {
            Integer deleted = transactions.execute(status -> purgeBatch(cutoff));
            if (deleted == null || deleted < 0) {
                break;
            }
            purged += deleted;
            if (deleted < BATCH) {
                break;
            }
        }
        if (purged > 0) {
            log.info("Purged {} cluster event(s) that occurred before {}", purged, cutoff);
        }
        return purged;
    }

    /** One batch under the lock; -1 when another instance holds it. */
    private int purgeBatch(Instant cutoff) {
        boolean ours = jdbc.sql("select pg_try_advisory_xact_lock(:lock)")
                .param("lock", PURGE_LOCK)
                .query(Boolean.class)
                .single();
        return ours ? events.deleteOccurredBefore(cutoff, BATCH) : -1;
    }
}
