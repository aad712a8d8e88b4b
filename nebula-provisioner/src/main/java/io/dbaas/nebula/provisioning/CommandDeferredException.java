package io.dbaas.nebula.provisioning;

import java.util.Objects;

/**
 * A command could not be carried out now for a reason that may pass (the region's API unreachable, 5xx, 429, a
 * timeout): it is to be tried again later, not failed.
 */
public class CommandDeferredException extends RuntimeException {

    public CommandDeferredException(String problem, Throwable cause) {
        super(problem, cause);
    }

    /** What went wrong, a sentence free of secrets. */
    String problem() {
        // The only constructor takes the problem, so the message is never null.
        return Objects.requireNonNull(getMessage());
    }
}
