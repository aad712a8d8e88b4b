package io.dbaas.gatekeeper.client;

import org.springframework.web.server.ServerWebExchange;

/**
 * The address a request came from, as GateKeeper decided it: what brute-force protection counts by and the access log
 * shows.
 *
 * @param value an IP address in its usual text form, or {@code unknown}
 */
public record ClientAddress(String value) {

    public static final ClientAddress UNKNOWN = new ClientAddress("unknown");

    static final String ATTRIBUTE = ClientAddress.class.getName();

    /** The address {@link ClientAddressFilter} resolved for this exchange. */
    public static ClientAddress of(ServerWebExchange exchange) {
        return exchange.getAttributeOrDefault(ATTRIBUTE, UNKNOWN);
    }

    @Override
    public String toString() {
        return value;
    }
}
