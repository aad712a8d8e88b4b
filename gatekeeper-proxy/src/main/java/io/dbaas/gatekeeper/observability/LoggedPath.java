package io.dbaas.gatekeeper.observability;

import io.dbaas.contracts.security.ApiKeys;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The path as the access log shows it: query parameter names kept, values dropped (a client may put a key or a token
 * there), an API key found anywhere else cut down to its prefix and key id, and anything that is not printable ASCII
 * escaped so that no client can forge a log line.
 */
final class LoggedPath {

    private static final int MAX_LENGTH = 512;

    /** How many characters of a whole key are not secret: the prefix and the key id, which revocations name. */
    private static final int KEY_ID_END = ApiKeys.PREFIX.length() + 22;

    /**
     * Anything that starts like a key ({@code dbk_} and base64url characters), whole or not: a key cut short or run
     * into other characters still holds its secret.
     */
    private static final Pattern KEY_LIKE = Pattern.compile(Pattern.quote(ApiKeys.PREFIX) + "[A-Za-z0-9_-]+");

    private LoggedPath() {}

    /** @param target the request target as the client sent it: its path and query, raw */
    static String of(String target) {
        int queryStart = target.indexOf('?');
        String path = queryStart < 0 ? target : target.substring(0, queryStart);
        path = path.isEmpty() ? "/" : path;
        String query = queryStart < 0 ? null : target.substring(queryStart + 1);
        String logged = withoutKeySecrets(query == null ? path : path + "?" + namesOnly(query));
        return printable(logged.length() > MAX_LENGTH ? logged.substring(0, MAX_LENGTH) + "…" : logged);
    }

    private static String namesOnly(String query) {
        StringJoiner names = new StringJoiner("&");
        for (String parameter : query.split("&")) {
            int equals = parameter.indexOf('=');
            names.add(equals < 0 ? parameter : parameter.substring(0, equals + 1));
        }
        return names.toString();
    }

    /** Whole keys keep their prefix and key id, anything else that looks like one only its prefix. */
    private static String withoutKeySecrets(String text) {
        if (!text.contains(ApiKeys.PREFIX)) {
            return text;
        }
        return KEY_LIKE.matcher(text).replaceAll(key -> {
            String found = key.group();
            String kept = found.length() == ApiKeys.LENGTH ? found.substring(0, KEY_ID_END) : ApiKeys.PREFIX;
            return Matcher.quoteReplacement(kept + "…");
        });
    }

    static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c >= 0x21 && c < 0x7F || c == '…') {
                out.append(c);
            } else {
                out.append(String.format("\\x%02x", (int) c & 0xFF));
            }
        }
        return out.toString();
    }
}
