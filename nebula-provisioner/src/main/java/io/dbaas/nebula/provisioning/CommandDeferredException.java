package io.dbaas.nebula.provisioning;

/**
 * A command could not be carried out now for a reason that may pass (the region's API unreachable, 5xx, 429, a
 * timeout): it is to be tried again later, not failed.
 */
class CommandDeferredException extends RuntimeException {

    CommandDeferredException(String problem, Throwable cause) {
        super(problem, cause);
    }

    /** What went wrong, a sentence free of secrets. */
    String problem() {
        return getMessage();
    }
}
