package io.dbaas.gatekeeper.upstream;

import io.dbaas.gatekeeper.problem.Problem;
import io.dbaas.gatekeeper.problem.ProblemException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Wraps the proxy call alone, so that an I/O failure there means the cluster failed and becomes a 502 or 504, while
 * the same exception types raised anywhere else keep meaning an internal error.
 *
 * <p>The failure's message names the cluster's internal address: it goes to the log, never to the client.
 */
public class UpstreamFailureFilter implements GlobalFilter, Ordered {

    /** Right before {@link UpstreamRoutingFilter}: nothing else runs between this filter and the call. */
    public static final int ORDER = UpstreamRoutingFilter.ORDER - 1;

    private static final Logger log = LoggerFactory.getLogger(UpstreamFailureFilter.class);

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return chain.filter(exchange).onErrorMap(UpstreamFailureFilter::asProblem);
    }

    private static Throwable asProblem(Throwable failure) {
        Optional<Problem> problem = UpstreamFailures.problemFor(failure);
        if (problem.isEmpty()) {
            return failure;
        }
        log.warn("Upstream call failed with {}: {}", problem.get().status(), failure.toString());
        return new ProblemException(problem.get());
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
