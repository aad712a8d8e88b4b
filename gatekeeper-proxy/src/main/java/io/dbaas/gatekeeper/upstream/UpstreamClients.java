package io.dbaas.gatekeeper.upstream;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.dbaas.gatekeeper.directory.ClusterRoute;
import io.dbaas.gatekeeper.directory.UpstreamTrust;
import io.netty.channel.ChannelOption;
import io.netty.handler.ssl.SslContextBuilder;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import reactor.netty.NettyPipeline;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.tcp.SslProvider;

/**
 * The HTTP clients that call clusters, built once per route: on one for {@code http} clusters, or on one per
 * {@link UpstreamTrust} for {@code https} clusters, which trusts only the certificate authority the cluster's own event
 * announced (neither the JVM's trust store nor any other cluster's CA), with host name verification. Deriving a client
 * per request would copy its whole configuration each time; the connection pool tells pools apart by TLS settings, so
 * one client per trust also keeps reusing connections to the cluster.
 */
final class UpstreamClients {

    private final ConnectionProvider connections;
    private final HttpClient cleartext;
    private final LoadingCache<UpstreamTrust, HttpClient> secureByTrust;
    private final LoadingCache<ClusterRoute, HttpClient> byRoute;

    UpstreamClients(UpstreamProperties properties) {
        this.connections = ConnectionProvider.builder("gatekeeper-clusters")
                .maxConnections(properties.maxConnections())
                // A request waits for a free connection as long as it would wait for an answer (then 504), however
                // many wait: each is a client's request in flight, which the server's own limits already bound.
                .pendingAcquireTimeout(properties.responseTimeout())
                .pendingAcquireMaxCount(-1)
                .maxIdleTime(properties.maxIdleTime())
                .evictInBackground(properties.maxIdleTime())
                // The pool of a cluster nobody has called for ten minutes (deleted, most likely) is let go.
                .disposeInactivePoolsInBackground(Duration.ofMinutes(1), Duration.ofMinutes(10))
                .build();
        this.cleartext = HttpClient.create(connections)
                .option(
                        ChannelOption.CONNECT_TIMEOUT_MILLIS,
                        Math.toIntExact(properties.connectTimeout().toMillis()))
                .responseTimeout(properties.responseTimeout())
                // Reactor Netty's own retry sends the request again as a redirect to its own address, which drops the
                // Authorization header (Elasticsearch's credential) when the address was given apart from the URI, as
                // here: the cluster answered 401. UpstreamCall sends again what may be sent again, headers and all.
                .disableRetry(true)
                // Until the answer's status and headers only: after that the answer streams at the pace of the client
                // reading it, and a client that pauses must not make the cluster look slow.
                .doOnResponse((answer, connection) -> connection.removeHandler(NettyPipeline.ResponseTimeoutHandler));
        // Weakly, by the route and its trust object: a client lives as long as a route that needs it.
        this.secureByTrust = Caffeine.newBuilder().weakKeys().build(trust -> cleartext.secure(tls(trust)));
        this.byRoute = Caffeine.newBuilder().weakKeys().build(this::addressedTo);
    }

    /**
     * The client for a route, which addresses the cluster's upstream by itself: a request then names only its path and
     * query, and no URL is parsed per request.
     */
    HttpClient forRoute(ClusterRoute route) {
        return byRoute.get(route);
    }

    private HttpClient addressedTo(ClusterRoute route) {
        UpstreamTrust trust = route.upstreamTrust();
        HttpClient client = trust == null ? cleartext : secureByTrust.get(trust);
        URI upstream = route.upstream();
        // One address for every request, resolved when a connection opens: the client's host() and port() would
        // build (and parse) a new one for each request.
        InetSocketAddress address = InetSocketAddress.createUnresolved(upstream.getHost(), port(upstream));
        return client.remoteAddress(() -> address);
    }

    private static int port(URI upstream) {
        if (upstream.getPort() >= 0) {
            return upstream.getPort();
        }
        return "https".equalsIgnoreCase(upstream.getScheme()) ? 443 : 80;
    }

    void close() {
        connections.dispose();
    }

    private static SslProvider tls(UpstreamTrust trust) {
        try {
            return SslProvider.builder()
                    .sslContext(SslContextBuilder.forClient()
                            .trustManager(trust.certificates().toArray(X509Certificate[]::new))
                            .build())
                    .handlerConfigurator(handler -> verifyHostName(handler.engine()))
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException("could not build the TLS settings of an upstream", e);
        }
    }

    /** The certificate must name the host GateKeeper connects to, as a browser would check it. */
    private static void verifyHostName(SSLEngine engine) {
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        engine.setSSLParameters(parameters);
    }
}
