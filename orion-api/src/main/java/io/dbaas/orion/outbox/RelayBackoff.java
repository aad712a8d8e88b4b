package io.dbaas.orion.outbox;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * When the relay tries next, and whether it should say so, while Kafka or PostgreSQL is away. The wait doubles after
 * each failed pass up to a ceiling, so an outage costs a few attempts a minute rather than five a second; the warning
 * is repeated at most once per interval. Not thread-safe: the relay's passes never overlap.
 */
final class RelayBackoff {

    private final Duration first;
    private final Duration ceiling;
    private final Duration warningInterval;

    private int failures;
    private Instant nextAttempt = Instant.MIN;
    private @Nullable Instant failingSince;
    private @Nullable Instant lastWarning;

    RelayBackoff(Duration first, Duration ceiling, Duration warningInterval) {
        this.first = first;
        this.ceiling = ceiling;
        this.warningInterval = warningInterval;
    }

    /** Whether a pass may run now, or the relay is still waiting after a failure. */
    boolean due(Instant now) {
        return !now.isBefore(nextAttempt);
    }

    /** Records a failed pass and returns how long the relay now waits. */
    Duration failed(Instant now) {
        if (failingSince == null) {
            failingSince = now;
        }
        failures++;
        Duration wait = first.multipliedBy(1L << Math.min(failures, 20));
        if (wait.compareTo(ceiling) > 0) {
            wait = ceiling;
        }
        nextAttempt = now.plus(wait);
        return wait;
    }

    /** Whether the failure just recorded deserves a warning: the first of an outage, then one per interval. */
    boolean shouldWarn(Instant now) {
        if (lastWarning == null || !now.isBefore(lastWarning.plus(warningInterval))) {
            lastWarning = now;
            return true;
        }
        return false;
    }

    /** Records a successful pass; returns how long the outage it ends lasted, if there was one. */
    @Nullable
    Duration succeeded(Instant now) {
        Instant since = failingSince;
        failures = 0;
        nextAttempt = Instant.MIN;
        failingSince = null;
        lastWarning = null;
        return since == null ? null : Duration.between(since, now);
    }

    /** When the current outage began, if the last pass failed. */
    @Nullable
    Instant failingSince() {
        return failingSince;
    }
}
