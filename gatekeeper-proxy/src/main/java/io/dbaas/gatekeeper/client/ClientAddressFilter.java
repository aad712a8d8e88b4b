package io.dbaas.gatekeeper.client;

import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/** Resolves the client address once, first thing, for every later filter and the access log. */
public class ClientAddressFilter implements WebFilter, Ordered {

    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE;

    private final ClientAddressResolver resolver;

    public ClientAddressFilter(ClientAddressResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ClientAddress client = resolver.resolve(
                exchange.getRequest().getRemoteAddress(),
                // The raw header values: the resolver splits them into hops itself, and only for a trusted peer.
                exchange.getRequest().getHeaders().getOrEmpty(ForwardingHeaders.X_FORWARDED_FOR));
        exchange.getAttributes().put(ClientAddress.ATTRIBUTE, client);
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
