package io.dbaas.nebula.infrastructure;

import java.util.Objects;

/**
 * The infrastructure could not do what was asked. The message is a sentence for a human, free of secrets: it is
 * published as the reason of a failed cluster.
 */
public class InfrastructureException extends RuntimeException {

    private final boolean transientFailure;

    public InfrastructureException(String reason, boolean transientFailure, Throwable cause) {
        super(reason, cause);
        this.transientFailure = transientFailure;
    }

    public InfrastructureException(String reason, boolean transientFailure) {
        super(reason);
        this.transientFailure = transientFailure;
    }

    /** Whether trying again later may succeed (unreachable API, 5xx, 429, conflicting concurrent write). */
    public boolean isTransient() {
        return transientFailure;
    }

    public String reason() {
        // Every constructor takes the reason, so the message is never null.
        return Objects.requireNonNull(getMessage());
    }
}
