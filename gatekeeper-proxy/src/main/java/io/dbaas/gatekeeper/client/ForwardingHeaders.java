package io.dbaas.gatekeeper.client;

import java.util.Locale;
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
        String name = header.toLowerCase(Locale.ROOT);
        return name.equals("forwarded") || name.startsWith("x-forwarded-") || name.equals("x-real-ip");
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
