package io.dbaas.gatekeeper.hygiene;

import io.dbaas.gatekeeper.problem.Problem;
import io.dbaas.gatekeeper.problem.ProblemResponses;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses what Netty lets through but a gateway must not guess at, before routing or authentication: more than one
 * Host header (which one names the cluster?) and a declared body over the limit. Bodies of unknown length are limited
 * as they stream.
 */
public class RequestHygieneFilter implements WebFilter, Ordered {

    /** Early, but after the filters that note who the client is and start the access log. */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

    private final ProblemResponses problems;
    private final long maxBodyBytes;

    public RequestHygieneFilter(ProblemResponses problems, RequestLimitsProperties limits) {
        this.problems = problems;
        this.maxBodyBytes = limits.maxBodySize().toBytes();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        HttpHeaders headers = exchange.getRequest().getHeaders();
        List<String> hosts = headers.getValuesAsList(HttpHeaders.HOST);
        if (hosts.size() > 1) {
            return problems.write(exchange, Problem.MALFORMED_REQUEST, RequestHygieneFilter::closeConnection);
        }
        if (headers.getContentLength() > maxBodyBytes) {
            // The client may still be sending the body; the connection cannot be reused for a next request.
            return problems.write(exchange, Problem.BODY_TOO_LARGE, RequestHygieneFilter::closeConnection);
        }
        return chain.filter(exchange.mutate()
                .request(new BodySizeLimit(exchange.getRequest(), maxBodyBytes))
                .build());
    }

    private static void closeConnection(HttpHeaders headers) {
        headers.setConnection("close");
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
