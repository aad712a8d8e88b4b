package io.dbaas.backup.agent;

/**
 * Why a backup action could not be done, in a short sentence fit for the termination message: never a credential, never
 * an engine's full answer.
 */
final class AgentFailure extends RuntimeException {

    /** The longest reason reported; engines' reasons can quote whole requests. */
    static final int MAX_REASON = 300;

    private final String reason;

    AgentFailure(String reason) {
        super(shorten(reason), null, false, false);
        this.reason = shorten(reason);
    }

    /** The shortened reason, also the exception's message; never null, unlike {@link #getMessage()}'s contract. */
    String reason() {
        return reason;
    }

    /**
     * One line of at most {@link #MAX_REASON} characters, with the query of every URL dropped: engines quote the URL
     * they failed to read, and a pre-signed URL's query is a credential.
     */
    static String shorten(String reason) {
        String oneLine = reason.replaceAll("\\s+", " ")
                .replaceAll("(\\w+://[^\\s?\"']*)\\?[^\\s\"']*", "$1?…")
                .strip();
        return oneLine.length() <= MAX_REASON ? oneLine : oneLine.substring(0, MAX_REASON - 1) + "…";
    }
}
