package io.dbaas.gatekeeper.upstream;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.dbaas.gatekeeper.directory.UpstreamTrust;
import io.netty.handler.ssl.SslContextBuilder;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.filter.NettyRoutingFilter;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.web.server.ServerWebExchange;
import reactor.netty.http.client.HttpClient;
import reactor.netty.tcp.SslProvider;

/**
 * The gateway's routing filter, with TLS to {@code https} clusters that trusts only the certificate authority the
 * cluster's own event announced (neither the JVM's trust store nor any other cluster's CA), with host name
 * verification.
 *
 * <p>The gateway's filter sends every request with one shared {@link HttpClient}; this one secures it per request
 * with the TLS settings of the request's cluster, which the routing filter leaves in {@link #UPSTREAM_TRUST_ATTR}.
 * Those settings are built once per route and kept while the route lives (weakly, by the route's trust object), so the
 * client's connection pool, which tells pools apart by their TLS settings, keeps reusing connections to the cluster.
 */
public class UpstreamRoutingFilter extends NettyRoutingFilter {

    /** The {@link UpstreamTrust} of the request's cluster, set only for {@code https} upstreams. */
    public static final String UPSTREAM_TRUST_ATTR = UpstreamRoutingFilter.class.getName() + ".trust";

    private final LoadingCache<UpstreamTrust, SslProvider> tlsByTrust =
            Caffeine.newBuilder().weakKeys().build(UpstreamRoutingFilter::tls);

    public UpstreamRoutingFilter(
            HttpClient httpClient,
            ObjectProvider<List<HttpHeadersFilter>> headersFiltersProvider,
            HttpClientProperties properties) {
        super(httpClient, headersFiltersProvider, properties);
    }

    @Override
    protected HttpClient getHttpClient(Route route, ServerWebExchange exchange) {
        HttpClient client = super.getHttpClient(route, exchange);
        UpstreamTrust trust = exchange.getAttribute(UPSTREAM_TRUST_ATTR);
        return trust == null ? client : client.secure(tlsByTrust.get(trust));
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
