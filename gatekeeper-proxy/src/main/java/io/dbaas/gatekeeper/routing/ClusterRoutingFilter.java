package io.dbaas.gatekeeper.routing;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;

import io.dbaas.contracts.security.KeyScope;
import io.dbaas.gatekeeper.abuse.AbuseProtection;
import io.dbaas.gatekeeper.client.ClientAddress;
import io.dbaas.gatekeeper.directory.ClusterDirectory;
import io.dbaas.gatekeeper.directory.ClusterEntry;
import io.dbaas.gatekeeper.directory.ClusterRoute;
import io.dbaas.gatekeeper.observability.ObservedCluster;
import io.dbaas.gatekeeper.problem.Problem;
import io.dbaas.gatekeeper.problem.ProblemResponses;
import io.dbaas.gatekeeper.upstream.UpstreamRoutingFilter;
import java.net.URI;
import java.time.Clock;
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
 * Finds the cluster of the request's host, checks the client's API key or bearer token against that cluster's master
 * key, checks that a read-only credential does not write, and sends the request to the cluster with the cluster's own
 * credential in place of the client's.
 *
 * <p>Runs right after {@link RouteToRequestUrlFilter}, which has turned the catch-all route into a request URL with
 * the placeholder route URI; this filter replaces that URL's scheme, host and port with the cluster's upstream, so the
 * target address always comes from the directory and never from the request. {@link NettyRoutingFilter} then sends
 * it. Everything here is in-memory and CPU-only: nothing blocks the event loop.
 */
public class ClusterRoutingFilter implements GlobalFilter, Ordered {

    /** After the request URL exists, before any load balancer or routing filter reads it. */
    public static final int ORDER = RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER + 1;

    /** Both ways in, on every 401 alike: a client learns how to authenticate, never why it failed. */
    private static final String WWW_AUTHENTICATE =
            "ApiKey realm=\"dbaas\", header=\"" + ApiKeyHeaders.API_KEY + "\", Bearer realm=\"dbaas\"";

    /** How soon a client may ask again about a cluster that does not serve yet, or any more. */
    private static final Duration RETRY_PROVISIONING = Duration.ofSeconds(30);

    private static final Duration RETRY_NOT_SERVING = Duration.ofSeconds(300);

    private final ClusterDirectory directory;
    private final ProblemResponses problems;
    private final AbuseProtection abuse;
    private final String domain;
    private final CredentialCheck credentials;

    public ClusterRoutingFilter(
            ClusterDirectory directory, ProblemResponses problems, AbuseProtection abuse, String domain, Clock clock) {
        this.directory = directory;
        this.problems = problems;
        this.abuse = abuse;
        this.domain = domain;
        this.credentials = new CredentialCheck(directory, clock);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        ClientAddress client = ClientAddress.of(exchange);
        Optional<Duration> blocked = abuse.blockedAddress(client);
        if (blocked.isPresent()) {
            return withRetryAfter(exchange, Problem.TOO_MANY_FAILED_AUTHENTICATIONS, blocked.get());
        }
        Optional<ClusterEntry> entry = RequestHost.of(request).flatMap(this::entryAt);
        if (entry.isEmpty()) {
            return problems.write(exchange, Problem.UNKNOWN_CLUSTER);
        }
        ObservedCluster.mark(exchange, entry.get().clusterId());
        ClusterRoute route = entry.get().routable();
        if (route == null) {
            return notServing(exchange, entry.get());
        }
        Optional<Grant> grant = credentials.check(route, PresentedCredential.of(request.getHeaders()));
        if (grant.isEmpty()) {
            abuse.authenticationFailed(client);
            return problems.write(
                    exchange,
                    Problem.UNAUTHENTICATED,
                    headers -> headers.set(HttpHeaders.WWW_AUTHENTICATE, WWW_AUTHENTICATE));
        }
        Optional<Duration> overLimit = abuse.requestWithKey(grant.get().credential());
        if (overLimit.isPresent()) {
            return withRetryAfter(exchange, Problem.RATE_LIMITED, overLimit.get());
        }
        if (grant.get().scope() == KeyScope.READ_ONLY
                && WriteOperations.writes(
                        route.engine(), request.getMethod(), request.getURI().getRawPath())) {
            return problems.write(exchange, Problem.READ_ONLY_CREDENTIAL);
        }
        return chain.filter(towardsUpstream(exchange, route));
    }

    /** The cluster at exactly this host; or, for a cluster known by id only, the one the host's first label names. */
    private Optional<ClusterEntry> entryAt(String host) {
        return directory.lookup(host).or(() -> ClusterHost.clusterIdOf(host, domain)
                .flatMap(directory::notYetRoutable));
    }

    private Mono<Void> notServing(ServerWebExchange exchange, ClusterEntry entry) {
        return switch (entry.state()) {
            case PROVISIONING -> withRetryAfter(exchange, Problem.CLUSTER_PROVISIONING, RETRY_PROVISIONING);
            case FAILED -> withRetryAfter(exchange, Problem.CLUSTER_FAILED, RETRY_NOT_SERVING);
            case DELETING -> withRetryAfter(exchange, Problem.CLUSTER_DELETING, RETRY_NOT_SERVING);
            case RUNNING -> throw new IllegalStateException("a running cluster has a route");
        };
    }

    private Mono<Void> withRetryAfter(ServerWebExchange exchange, Problem problem, Duration retryAfter) {
        // Whole seconds, rounded up: retrying at the rounded-down second would be refused again.
        long seconds = Math.max(1, retryAfter.plusNanos(999_999_999).toSeconds());
        return problems.write(
                exchange, problem, headers -> headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds)));
    }

    private static ServerWebExchange towardsUpstream(ServerWebExchange exchange, ClusterRoute route) {
        URI requestUrl = exchange.getAttribute(GATEWAY_REQUEST_URL_ATTR);
        exchange.getAttributes()
                .put(GATEWAY_REQUEST_URL_ATTR, upstreamUrl(route.upstream(), requestUrl, exchange.getRequest()));
        if (route.upstreamTrust() != null) {
            exchange.getAttributes().put(UpstreamRoutingFilter.UPSTREAM_TRUST_ATTR, route.upstreamTrust());
        }
        ServerHttpRequest forwarded = exchange.getRequest()
                .mutate()
                .headers(headers -> ApiKeyHeaders.replaceClientCredentials(headers, route.upstreamCredential()))
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
