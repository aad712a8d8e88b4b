package io.dbaas.gatekeeper.abuse;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import java.time.Duration;
import java.util.Optional;

/**
 * One token bucket per key, created on first use. Buckets are lock-free (compare-and-set), so consuming is safe on
 * event-loop threads.
 */
final class BucketsByKey<K> {

    private final Cache<K, Bucket> buckets;
    private final AbuseProperties.Limit limit;

    BucketsByKey(AbuseProperties.Limit limit, long maxTracked) {
        this.limit = limit;
        // After a whole period untouched a bucket is full again, exactly like a new one: forgetting it changes nothing.
        this.buckets = Caffeine.newBuilder()
                .maximumSize(maxTracked)
                .expireAfterAccess(limit.period())
                .build();
    }

    /** Takes a token; empty when one was there, otherwise how long until one will be. */
    Optional<Duration> take(K key) {
        ConsumptionProbe probe = bucket(key).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /** Like {@link #take} without taking: whether a token is there, and if not how long until one will be. */
    Optional<Duration> waitBeforeNext(K key) {
        Bucket bucket = buckets.getIfPresent(key);
        if (bucket == null) {
            return Optional.empty();
        }
        EstimationProbe probe = bucket.estimateAbilityToConsume(1);
        return probe.canBeConsumed()
                ? Optional.empty()
                : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    long size() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    private Bucket bucket(K key) {
        return buckets.get(key, ignored -> Bucket.builder()
                .addLimit(bandwidth ->
                        bandwidth.capacity(limit.capacity()).refillGreedy(limit.capacity(), limit.period()))
                .build());
    }
}
