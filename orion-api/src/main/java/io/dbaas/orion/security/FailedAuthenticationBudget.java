package io.dbaas.orion.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The failed authentications each client address has left, one token bucket per address, created at its first failure.
 * Consulted before a token is looked up: an address that used up its budget costs Orion no database query until it has
 * some again. Buckets are lock-free, so concurrent requests from one address spend it exactly.
 */
final class FailedAuthenticationBudget {

    private static final Logger log = LoggerFactory.getLogger(FailedAuthenticationBudget.class);

    /** Longer than any IP address written out (an IPv6 one with a zone id included); see {@link #key}. */
    private static final int MAX_ADDRESS_LENGTH = 64;

    private final FailedAuthenticationProperties limit;
    private final TimeMeter time;
    private final Cache<String, AddressBudget> addresses;

    FailedAuthenticationBudget(FailedAuthenticationProperties limit) {
        this(limit, TimeMeter.SYSTEM_NANOTIME);
    }

    /** With {@code time} as the clock of both the buckets and the forgetting of addresses. */
    FailedAuthenticationBudget(FailedAuthenticationProperties limit, TimeMeter time) {
        this.limit = limit;
        this.time = time;
        // An address untouched for a whole period has its whole budget again, exactly like one never seen: forgetting
        // it changes nothing.
        this.addresses = Caffeine.newBuilder()
                .maximumSize(limit.maxTrackedAddresses())
                .expireAfterAccess(limit.period())
                .ticker(time::currentTimeNanos)
                .build();
    }

    /** Empty while {@code address} may still try a token; otherwise how long until it may. Spends nothing. */
    Optional<Duration> exhaustedFor(String address) {
        AddressBudget budget = addresses.getIfPresent(key(address));
        if (budget == null) {
            return Optional.empty();
        }
        EstimationProbe probe = budget.bucket().estimateAbilityToConsume(1);
        return probe.canBeConsumed()
                ? Optional.empty()
                : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /** Spends one failure of {@code address}; the failure that spends its last one is logged, once per episode. */
    void failed(String address) {
        String key = key(address);
        AddressBudget budget = addresses.get(key, ignored -> new AddressBudget(newBucket()));
        budget.forgiveWhenWhole(limit.perAddress());
        ConsumptionProbe probe = budget.bucket().tryConsumeAndReturnRemaining(1);
        if (probe.getRemainingTokens() == 0 && budget.reportBlocked()) {
            log.warn(
                    "Client address {} used up its {} failed authentications per {}: its requests with an"
                            + " Authorization header are answered 429 without looking at the token until it has"
                            + " some again",
                    key,
                    limit.perAddress(),
                    limit.period());
        }
    }

    /** How many addresses are tracked now. */
    long trackedAddresses() {
        addresses.cleanUp();
        return addresses.estimatedSize();
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(bandwidth ->
                        bandwidth.capacity(limit.perAddress()).refillGreedy(limit.perAddress(), limit.period()))
                .withCustomTimePrecision(time)
                .build();
    }

    /**
     * The servlet container names the client with an IP address; behind a proxy it trusts, with what that proxy wrote.
     * Cut and made printable all the same, so that a forwarded value can neither fill memory nor forge a log line.
     */
    private static String key(String address) {
        var printable = new StringBuilder(Math.min(address.length(), MAX_ADDRESS_LENGTH));
        for (int i = 0; i < address.length() && i < MAX_ADDRESS_LENGTH; i++) {
            char c = address.charAt(i);
            printable.append(c > 0x20 && c < 0x7f ? c : '?');
        }
        return printable.toString();
    }

    /**
     * One address's bucket, and whether its being blocked was logged: once per episode, not at every failure of an
     * address that keeps guessing as fast as its budget comes back.
     */
    private record AddressBudget(Bucket bucket, AtomicBoolean reported) {

        AddressBudget(Bucket bucket) {
            this(bucket, new AtomicBoolean());
        }

        boolean reportBlocked() {
            return reported.compareAndSet(false, true);
        }

        /** The episode ends once the whole budget is back. */
        void forgiveWhenWhole(long capacity) {
            if (reported.get() && bucket.getAvailableTokens() >= capacity) {
                reported.set(false);
            }
        }
    }
}
