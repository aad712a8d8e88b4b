package io.dbaas.gatekeeper.client;

/**
 * What a cluster learns about the client: {@code X-Forwarded-For} with the address GateKeeper resolved and
 * {@code X-Forwarded-Proto} with the scheme the client used, both written by GateKeeper. Every forwarding header the
 * client sent ({@code Forwarded}, {@code X-Forwarded-*}, {@code X-Real-IP}) is dropped, so none reaches a cluster as
 * given.
 */
public final class ForwardingHeaders {

    public static final String X_FORWARDED_FOR = "X-Forwarded-For";
    public static final String X_FORWARDED_PROTO = "X-Forwarded-Proto";
    private static final String X_FORWARDED_PREFIX = "x-forwarded-";

    private ForwardingHeaders() {}

    /** Whether a client-sent header claims something about the path of the request, which only GateKeeper may say. */
    public static boolean isForwarding(CharSequence header) {
        String name = header.toString();
        // Case-insensitive comparisons in place: no lower-cased copy of every header name on every request.
        return name.equalsIgnoreCase("forwarded")
                || name.regionMatches(true, 0, X_FORWARDED_PREFIX, 0, X_FORWARDED_PREFIX.length())
                || name.equalsIgnoreCase("x-real-ip");
    }
}
