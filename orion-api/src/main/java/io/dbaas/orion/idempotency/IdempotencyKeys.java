package io.dbaas.orion.idempotency;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The keys of each account, with the fingerprint of the request that used them and the response it got.
 *
 * <p>A key is taken with {@code INSERT … ON CONFLICT}: when a concurrent request holds the same key in an uncommitted
 * transaction, PostgreSQL makes this one wait for it, then either finds its committed row (a repeat: replay it) or,
 * had it rolled back, takes the key. So two concurrent requests with one key never both act.
 */
@Component
public class IdempotencyKeys {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeys.class);
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");

    private final JdbcClient jdbc;
    private final IdempotencyProperties properties;
    private final Clock clock;

    IdempotencyKeys(JdbcClient jdbc, IdempotencyProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Takes the key for a request with this fingerprint, or returns the response an earlier request with the same key
     * and fingerprint got. Runs in the caller's transaction: a request that fails rolls its key back with it.
     *
     * @throws InvalidIdempotencyKeyException when the key is malformed
     * @throws IdempotencyKeyReusedException when the key was used for a different request
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<RecordedResponse> take(UUID accountId, String key, byte[] fingerprint) {
        if (!KEY.matcher(key).matches()) {
            throw new InvalidIdempotencyKeyException();
        }
        Instant now = clock.instant();
        int taken = jdbc.sql("""
                        insert into idempotency_keys
                            (account_id, idempotency_key, request_hash, created_at, expires_at)
                        values (:account, :key, :hash, :now, :expires)
                        on conflict (account_id, idempotency_key) do update
                            set request_hash = excluded.request_hash,
                                created_at = excluded.created_at,
                                expires_at = excluded.expires_at,
                                response_status = null,
                                response_location = null,
                                response_body = null
                            where idempotency_keys.expires_at <= :now""")
                .param("account", accountId)
                .param("key", key)
                .param("hash", fingerprint)
                .param("now", Timestamp.from(now))
                .param("expires", Timestamp.from(now.plus(properties.retention())))
                .update();
        if (taken == 1) {
            return Optional.empty();
        }
        Earlier earlier = jdbc.sql("""
                        select request_hash, response_status, response_location, response_body
                        from idempotency_keys where account_id = :account and idempotency_key = :key""")
                .param("account", accountId)
                .param("key", key)
                .query(Earlier.class)
                .single();
        if (!Arrays.equals(earlier.requestHash(), fingerprint)) {
            throw new IdempotencyKeyReusedException();
        }
        return Optional.of(
                new RecordedResponse(earlier.responseStatus(), earlier.responseLocation(), earlier.responseBody()));
    }

    /** Records the response of the request that took the key, in the same transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(UUID accountId, String key, RecordedResponse response) {
        jdbc.sql("""
                        update idempotency_keys
                        set response_status = :status, response_location = :location, response_body = :body
                        where account_id = :account and idempotency_key = :key""")
                .param("status", response.status())
                .param("location", response.location())
                .param("body", response.body())
                .param("account", accountId)
                .param("key", key)
                .update();
    }

    /** Forgets expired keys; until then an expired key is simply taken again. */
    @Scheduled(fixedDelayString = "${orion.idempotency.purge-interval}")
    public void purgeExpired() {
        int purged = jdbc.sql("delete from idempotency_keys where expires_at <= :now")
                .param("now", Timestamp.from(clock.instant()))
                .update();
        if (purged > 0) {
            log.debug("Purged {} expired idempotency key(s)", purged);
        }
    }

    /** A committed row is always complete: the key and its response are written in one transaction. */
    record Earlier(byte[] requestHash, int responseStatus, String responseLocation, String responseBody) {}
}
