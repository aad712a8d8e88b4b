package io.dbaas.gatekeeper.routing;

import io.dbaas.gatekeeper.client.ClientAddress;
import io.dbaas.gatekeeper.client.ClientAddressResolver;
import io.dbaas.gatekeeper.client.ForwardingHeaders;
import io.dbaas.gatekeeper.exchange.Exchange;
import io.dbaas.gatekeeper.observability.AccessLog;
import io.dbaas.gatekeeper.observability.RequestTracing;
import io.dbaas.gatekeeper.problem.FailureResponder;
import org.reactivestreams.Publisher;
import org.springframework.boot.reactor.netty.NettyRouteProvider;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;

/**
 * Every request on the public port, handled on Reactor Netty directly: Spring's web stack and Spring Cloud Gateway
 * stay off the request path (ADR 0010), which more than halves what a request costs. Registered as a route that takes
 * every request ahead of the web handler Spring Boot adds last, so the port keeps Boot's server settings, TLS,
 * HTTP/2 and graceful shutdown.
 *
 * <p>Per request: the client address is decided, {@link ClusterRequestHandler} answers or proxies, a failure becomes a
 * problem while one can still be sent, and the access log and metrics record how it ended.
 */
public class PublicTraffic implements NettyRouteProvider {

    private final ClientAddressResolver clientAddresses;
    private final ClusterRequestHandler clusters;
    private final FailureResponder failures;
    private final AccessLog accessLog;
    private final RequestTracing tracing;

    public PublicTraffic(
            ClientAddressResolver clientAddresses,
            ClusterRequestHandler clusters,
            FailureResponder failures,
            AccessLog accessLog,
            RequestTracing tracing) {
        this.clientAddresses = clientAddresses;
        this.tracing = tracing;
        this.clusters = clusters;
        this.failures = failures;
        this.accessLog = accessLog;
    }

    @Override
    public HttpServerRoutes apply(HttpServerRoutes routes) {
        return routes.route(request -> true, this::handle);
    }

    Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        long started = System.nanoTime();
        ClientAddress client = clientAddresses.resolve(
                request.remoteAddress(),
                // The raw header values: the resolver splits them into hops itself, and only for a trusted peer.
                request.requestHeaders().getAll(ForwardingHeaders.X_FORWARDED_FOR));
        Exchange exchange = new Exchange(request, response, client, started, tracing.start(request));
        return Mono.defer(() -> clusters.handle(exchange))
                .onErrorResume(failure -> failures.answer(exchange, failure))
                .doFinally(signal -> accessLog.ended(exchange));
    }
}
