package io.dbaas.gatekeeper.routing;

import io.dbaas.contracts.security.KeyScope;
import io.dbaas.gatekeeper.abuse.AbuseProtection;
import io.dbaas.gatekeeper.directory.ClusterDirectory;
import io.dbaas.gatekeeper.directory.ClusterEntry;
import io.dbaas.gatekeeper.directory.ClusterRoute;
import io.dbaas.gatekeeper.exchange.Exchange;
import io.dbaas.gatekeeper.hygiene.RequestHygiene;
import io.dbaas.gatekeeper.problem.Problem;
import io.dbaas.gatekeeper.problem.ProblemResponses;
import io.dbaas.gatekeeper.upstream.UpstreamCall;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;

/**
 * Decides what becomes of a request on the public port, in this order: refused as malformed, refused for the client
 * address's failed authentications, unknown host, cluster not serving, credential not valid for this cluster, key over
 * its rate, read-only credential that writes; otherwise sent to the cluster with the cluster's own credential in place
 * of the client's.
 *
 * <p>Everything here is in memory and CPU-only, nothing blocks the event loop; the upstream call is the only I/O.
 */
public class ClusterRequestHandler {

    /** Both ways in, on every 401 alike: a client learns how to authenticate, never why it failed. */
    private static final String WWW_AUTHENTICATE =
            "ApiKey realm=\"dbaas\", header=\"" + ApiKeyHeaders.API_KEY + "\", Bearer realm=\"dbaas\"";

    /** What a cluster may be sent: everything its engine speaks, not CONNECT or TRACE. */
    private static final String ALLOWED = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";

    /** How soon a client may ask again about a cluster that does not serve yet, or any more. */
    private static final Duration RETRY_PROVISIONING = Duration.ofSeconds(30);

    private static final Duration RETRY_NOT_SERVING = Duration.ofSeconds(300);

    private final ClusterDirectory directory;
    private final RequestHygiene hygiene;
    private final AbuseProtection abuse;
    private final CredentialCheck credentials;
    private final UpstreamCall upstream;
    private final ProblemResponses problems;
    private final String domain;

    public ClusterRequestHandler(
            ClusterDirectory directory,
            RequestHygiene hygiene,
            AbuseProtection abuse,
            UpstreamCall upstream,
            ProblemResponses problems,
            String domain,
            Clock clock) {
        this.directory = directory;
        this.hygiene = hygiene;
        this.abuse = abuse;
        this.credentials = new CredentialCheck(directory, clock);
        this.upstream = upstream;
        this.problems = problems;
        this.domain = domain;
    }

    public Mono<Void> handle(Exchange exchange) {
        HttpServerRequest request = exchange.request();
        HttpHeaders headers = request.requestHeaders();
        Optional<Problem> malformed = hygiene.refusal(request);
        if (malformed.isPresent() && malformed.get().equals(Problem.METHOD_NOT_ALLOWED)) {
            return problems.send(exchange, malformed.get(), answer -> answer.set(HttpHeaderNames.ALLOW, ALLOWED));
        }
        if (malformed.isPresent()) {
            return problems.sendAndClose(exchange, malformed.get());
        }
        Optional<Duration> blocked = abuse.blockedAddress(exchange.client());
        if (blocked.isPresent()) {
            return withRetryAfter(exchange, Problem.TOO_MANY_FAILED_AUTHENTICATIONS, blocked.get());
        }
        Optional<ClusterEntry> entry = RequestHost.of(headers).flatMap(this::entryAt);
        if (entry.isEmpty()) {
            return problems.send(exchange, Problem.UNKNOWN_CLUSTER);
        }
        exchange.routedTo(entry.get().clusterId());
        ClusterRoute route = entry.get().routable();
        if (route == null) {
            return notServing(exchange, entry.get());
        }
        Optional<String> target = exchange.pathAndQuery();
        if (target.isEmpty()) {
            return problems.send(exchange, Problem.MALFORMED_REQUEST);
        }
        Optional<Grant> grant = credentials.check(route, PresentedCredential.of(headers));
        if (grant.isEmpty()) {
            abuse.authenticationFailed(exchange.client());
            return problems.send(
                    exchange,
                    Problem.UNAUTHENTICATED,
                    answer -> answer.set(HttpHeaderNames.WWW_AUTHENTICATE, WWW_AUTHENTICATE));
        }
        Optional<Duration> overLimit = abuse.requestWithKey(grant.get().credential());
        if (overLimit.isPresent()) {
            return withRetryAfter(exchange, Problem.RATE_LIMITED, overLimit.get());
        }
        if (grant.get().scope() == KeyScope.READ_ONLY
                && WriteOperations.writes(route.engine(), request.method(), rawPath(target.get()))) {
            return problems.send(exchange, Problem.READ_ONLY_CREDENTIAL);
        }
        return upstream.send(exchange, route, target.get(), hygiene.body(request));
    }

    /** The cluster at exactly this host; or, for a cluster known by id only, the one the host's first label names. */
    private Optional<ClusterEntry> entryAt(String host) {
        return directory.lookup(host).or(() -> ClusterHost.clusterIdOf(host, domain)
                .flatMap(directory::notYetRoutable));
    }

    private Mono<Void> notServing(Exchange exchange, ClusterEntry entry) {
        return switch (entry.state()) {
            case PROVISIONING -> withRetryAfter(exchange, Problem.CLUSTER_PROVISIONING, RETRY_PROVISIONING);
            case FAILED -> withRetryAfter(exchange, Problem.CLUSTER_FAILED, RETRY_NOT_SERVING);
            case DELETING -> withRetryAfter(exchange, Problem.CLUSTER_DELETING, RETRY_NOT_SERVING);
            case RUNNING -> throw new IllegalStateException("a running cluster has a route");
        };
    }

    private Mono<Void> withRetryAfter(Exchange exchange, Problem problem, Duration retryAfter) {
        // Whole seconds, rounded up: retrying at the rounded-down second would be refused again.
        long seconds = Math.max(1, retryAfter.plusNanos(999_999_999).toSeconds());
        return problems.send(exchange, problem, answer -> answer.set(HttpHeaderNames.RETRY_AFTER, seconds));
    }

    private static String rawPath(String pathAndQuery) {
        int query = pathAndQuery.indexOf('?');
        return query < 0 ? pathAndQuery : pathAndQuery.substring(0, query);
    }
}
