package io.dbaas.gatekeeper.client;

/**
 * The address a request came from, as GateKeeper decided it: what brute-force protection counts by and the access log
 * shows.
 *
 * @param value an IP address in its usual text form, or {@code unknown}
 */
public record ClientAddress(String value) {

    public static final ClientAddress UNKNOWN = new ClientAddress("unknown");

    @Override
    public String toString() {
        return value;
    }
}
