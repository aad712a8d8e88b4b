package io.dbaas.gatekeeper.observability;

import java.util.StringJoiner;

/**
 * The path as the access log shows it: query parameter names kept, values dropped (a client may put a key or a token
 * there), and anything that is not printable ASCII escaped so that no client can forge a log line.
 */
final class LoggedPath {

    private static final int MAX_LENGTH = 512;

    private LoggedPath() {}

    /** @param target the request target as the client sent it: its path and query, raw */
    static String of(String target) {
        int queryStart = target.indexOf('?');
        String path = queryStart < 0 ? target : target.substring(0, queryStart);
        path = path.isEmpty() ? "/" : path;
        String query = queryStart < 0 ? null : target.substring(queryStart + 1);
        String logged = query == null ? path : path + "?" + namesOnly(query);
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
