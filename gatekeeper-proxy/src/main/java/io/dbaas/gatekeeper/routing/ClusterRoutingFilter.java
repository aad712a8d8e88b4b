package io.dbaas.gatekeeper.routing;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;

import io.dbaas.gatekeeper.abuse.AbuseProtection;
import io.dbaas.gatekeeper.client.ClientAddress;
import io.dbaas.gatekeeper.directory.ClusterDirectory;
import io.dbaas.gatekeeper.directory.ClusterRoute;
import io.dbaas.gatekeeper.observability.ObservedCluster;
import io.dbaas.gatekeeper.problem.Problem;
import io.dbaas.gatekeeper.problem.ProblemResponses;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.NettyRoutingFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * Finds the cluster of the request's host, checks the client's API key against that cluster's master key, and sends
 * the request to the cluster with the master key in place of the client's credentials.
 *
 * <p>Runs right after {@link RouteToRequestUrlFilter}, which has turned the catch-all route into a request URL with
 * the placeholder route URI; this filter replaces that URL's scheme, host and port with the cluster's upstream, so the
 * target address always comes from the directory and never from the request. {@link NettyRoutingFilter} then sends
 * it. Everything here is in-memory and CPU-only: nothing blocks the event loop.
 */
public class ClusterRoutingFilter implements GlobalFilter, Ordered {

    /** After the request URL exists, before any load balancer or routing filter reads it. */
    public static final int ORDER = RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER + 1;

    private static final String WWW_AUTHENTICATE = "ApiKey realm=\"dbaas\", header=\"" + ApiKeyHeaders.API_KEY + "\"";

    private final ClusterDirectory directory;
    private final ProblemResponses problems;
    private final AbuseProtection abuse;

    public ClusterRoutingFilter(ClusterDirectory directory, ProblemResponses problems, AbuseProtection abuse) {
        this.directory = directory;
        this.problems = problems;
        this.abuse = abuse;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        ClientAddress client = ClientAddress.of(exchange);
        Optional<Duration> blocked = abuse.blockedAddress(client);
        if (blocked.isPresent()) {
            return tooMany(exchange, Problem.TOO_MANY_FAILED_AUTHENTICATIONS, blocked.get());
        }
        Optional<ClusterRoute> route = RequestHost.of(request).flatMap(directory::find);
        if (route.isEmpty()) {
            return problems.write(exchange, Problem.UNKNOWN_CLUSTER);
        }
        ObservedCluster.mark(exchange, route.get().clusterId());
        Optional<String> validKey = validKey(request, route.get());
        if (validKey.isEmpty()) {
            abuse.authenticationFailed(client);
            return problems.write(
                    exchange,
                    Problem.UNAUTHENTICATED,
                    headers -> headers.set(HttpHeaders.WWW_AUTHENTICATE, WWW_AUTHENTICATE));
        }
        Optional<Duration> overLimit = abuse.requestWithKey(validKey.get());
        if (overLimit.isPresent()) {
            return tooMany(exchange, Problem.RATE_LIMITED, overLimit.get());
        }
        return chain.filter(towardsUpstream(exchange, route.get()));
    }

    private static Optional<String> validKey(ServerHttpRequest request, ClusterRoute route) {
        String presented = request.getHeaders().getFirst(ApiKeyHeaders.API_KEY);
        return presented != null && route.masterKey().accepts(presented) ? Optional.of(presented) : Optional.empty();
    }

    private Mono<Void> tooMany(ServerWebExchange exchange, Problem problem, Duration retryAfter) {
        // Whole seconds, rounded up: retrying at the rounded-down second would be refused again.
        long seconds = Math.max(1, retryAfter.plusNanos(999_999_999).toSeconds());
        return problems.write(
                exchange, problem, headers -> headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds)));
    }

    private static ServerWebExchange towardsUpstream(ServerWebExchange exchange, ClusterRoute route) {
        URI requestUrl = exchange.getAttribute(GATEWAY_REQUEST_URL_ATTR);
        exchange.getAttributes()
                .put(GATEWAY_REQUEST_URL_ATTR, upstreamUrl(route.upstream(), requestUrl, exchange.getRequest()));
        ServerHttpRequest forwarded = exchange.getRequest()
                .mutate()
                .headers(headers -> ApiKeyHeaders.replaceClientCredentials(
                        headers, route.masterKey().upstreamCredential()))
                .build();
        return exchange.mutate().request(forwarded).build();
    }

    /** Same path and query, encoded exactly as the client sent them; scheme, host and port of the cluster. */
    static URI upstreamUrl(URI upstream, @Nullable URI requestUrl, ServerHttpRequest request) {
        URI source = requestUrl != null ? requestUrl : request.getURI();
        return UriComponentsBuilder.fromUri(source)
                .scheme(upstream.getScheme())
                .host(upstream.getHost())
                .port(upstream.getPort())
                .build(ServerWebExchangeUtils.containsEncodedParts(source))
                .toUri();
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
