package io.dbaas.orion;

/**
 * What a refusal may repeat of what a client sent: a short prefix, in single quotes, with control characters shown as
 * {@code ?}. A refusal names the value it refuses so that the client can find it, not to send it back whole: a 25 MB
 * field once came back as a 25 MB problem.
 */
public final class Quote {

    /** The most characters of a value a refusal repeats. */
    public static final int MAX_LENGTH = 64;

    private Quote() {}

    /** {@code 'value'}, or its first {@value #MAX_LENGTH} characters followed by {@code …}. */
    public static String of(String value) {
        var quoted = new StringBuilder(Math.min(value.length(), MAX_LENGTH) + 3).append('\'');
        value.codePoints().limit(MAX_LENGTH).forEach(c -> {
            if (Character.isISOControl(c)) {
                quoted.append('?');
            } else {
                quoted.appendCodePoint(c);
            }
        });
        if (value.codePointCount(0, value.length()) > MAX_LENGTH) {
            quoted.append('…');
        }
        return quoted.append('\'').toString();
    }
}
