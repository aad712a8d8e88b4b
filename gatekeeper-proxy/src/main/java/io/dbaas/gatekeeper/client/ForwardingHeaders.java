package io.dbaas.gatekeeper.client;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * What a cluster learns about the client: {@code X-Forwarded-For} with the address GateKeeper resolved and
 * {@code X-Forwarded-Proto} with the scheme the client used, both written by GateKeeper. Every forwarding header the
 * client sent ({@code Forwarded}, {@code X-Forwarded-*}, {@code X-Real-IP}) is dropped first, so none reaches a cluster
 * as given. Runs last among the gateway's header filters, so that it has the final word.
 */
public class ForwardingHeaders implements HttpHeadersFilter, Ordered {

    static final String X_FORWARDED_FOR = "X-Forwarded-For";
    static final String X_FORWARDED_PROTO = "X-Forwarded-Proto";
    private static final String X_FORWARDED_PREFIX = "x-forwarded-";

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        HttpHeaders output = new HttpHeaders();
        input.forEach((name, values) -> {
            if (!isForwarding(name)) {
                output.addAll(name, values);
            }
        });
        ClientAddress client = ClientAddress.of(exchange);
        if (!client.equals(ClientAddress.UNKNOWN)) {
            output.set(X_FORWARDED_FOR, client.value());
        }
        output.set(X_FORWARDED_PROTO, exchange.getRequest().getURI().getScheme());
        return output;
    }

    private static boolean isForwarding(String header) {
        // Case-insensitive comparisons in place: no lower-cased copy of every header name on every request.
        return header.equalsIgnoreCase("forwarded")
                || header.regionMatches(true, 0, X_FORWARDED_PREFIX, 0, X_FORWARDED_PREFIX.length())
                || header.equalsIgnoreCase("x-real-ip");
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
