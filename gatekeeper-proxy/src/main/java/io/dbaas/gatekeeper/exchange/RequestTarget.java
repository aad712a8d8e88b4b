package io.dbaas.gatekeeper.exchange;

import java.util.Optional;

/**
 * The path and query a request asks for, raw, as the client encoded them. Of a request target in absolute form
 * ({@code GET http://host/path}) only the path and query count: where a request goes is GateKeeper's decision alone.
 */
public final class RequestTarget {

    private static final String SCHEME_SEPARATOR = "://";

    private RequestTarget() {}

    /**
     * Empty for targets that name no path ({@code *} or a bare authority) and for targets with a fragment, which no
     * client sends: a cluster's server would cut the path at the {@code #}, so that GateKeeper's read-only check and
     * the cluster would judge two different paths.
     */
    public static Optional<String> pathAndQuery(String target) {
        if (target.indexOf('#') >= 0) {
            return Optional.empty();
        }
        if (target.startsWith("/")) {
            return Optional.of(target);
        }
        int schemeEnd = target.indexOf(SCHEME_SEPARATOR);
        if (schemeEnd <= 0) {
            return Optional.empty();
        }
        int authorityEnd = firstOf(target, schemeEnd + SCHEME_SEPARATOR.length(), "/?");
        if (authorityEnd < 0) {
            return Optional.of("/");
        }
        String rest = target.substring(authorityEnd);
        return Optional.of(rest.startsWith("/") ? rest : "/" + rest);
    }

    private static int firstOf(String text, int from, String characters) {
        for (int i = from; i < text.length(); i++) {
            if (characters.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
