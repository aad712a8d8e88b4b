package io.dbaas.gatekeeper.upstream;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.dbaas.gatekeeper.directory.UpstreamTrust;
import io.netty.channel.ChannelOption;
import io.netty.handler.ssl.SslContextBuilder;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.filter.NettyRoutingFilter;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.RemoveForwardedHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.RemoveXForwardedHeadersFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.web.server.ServerWebExchange;
import reactor.netty.http.client.HttpClient;
import reactor.netty.tcp.SslProvider;

/**
 * The gateway's routing filter, with TLS to {@code https} clusters that trusts only the certificate authority the
 * cluster's own event announced (neither the JVM's trust store nor any other cluster's CA), with host name
 * verification.
 *
 * <p>The gateway's filter derives a new {@link HttpClient} from its shared one on every request (to apply the route's
 * connect timeout), which copies the client's whole configuration each time. This one derives its clients once: one for
 * {@code http} clusters, built here, and one per {@link UpstreamTrust} for {@code https} clusters, built on the first
 * request and kept while the route lives (weakly, by the route's trust object); the routing filter leaves that trust in
 * {@link #UPSTREAM_TRUST_ATTR}. The connection pool tells pools apart by TLS settings, so reusing one client per trust
 * also keeps it reusing connections to the cluster.
 *
 * <p>The headers a cluster receives go through the gateway's header filters except its two that remove
 * {@code Forwarded} and {@code X-Forwarded-*}: GateKeeper's own {@code ForwardingHeaders} drops every forwarding header
 * a client sent anyway, so those two would only copy every request's headers twice more to remove nothing.
 */
public class UpstreamRoutingFilter extends NettyRoutingFilter {

    /**
     * Just before the gateway's own {@link NettyRoutingFilter}, which is in the chain too: the request is sent here and
     * marked as routed, and that filter then lets it pass. Not the same order: which of two equal orders runs first
     * would depend on the order the beans happen to be registered in.
     */
    public static final int ORDER = NettyRoutingFilter.ORDER - 1;

    /** The {@link UpstreamTrust} of the request's cluster, set only for {@code https} upstreams. */
    public static final String UPSTREAM_TRUST_ATTR = UpstreamRoutingFilter.class.getName() + ".trust";

    private final HttpClient cleartext;

    private final LoadingCache<UpstreamTrust, HttpClient> secureByTrust;

    private volatile @Nullable List<HttpHeadersFilter> headersFilters;

    /**
     * @param connectTimeout how long a connection to a cluster may take to open (the route's own connect timeout is
     *     not read: every cluster has this one)
     */
    public UpstreamRoutingFilter(
            HttpClient httpClient,
            ObjectProvider<List<HttpHeadersFilter>> headersFiltersProvider,
            HttpClientProperties properties,
            Duration connectTimeout) {
        super(httpClient, headersFiltersProvider, properties);
        this.cleartext =
                httpClient.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.toIntExact(connectTimeout.toMillis()));
        this.secureByTrust = Caffeine.newBuilder().weakKeys().build(trust -> cleartext.secure(tls(trust)));
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public @Nullable List<HttpHeadersFilter> getHeadersFilters() {
        List<HttpHeadersFilter> filters = headersFilters;
        if (filters == null) {
            List<HttpHeadersFilter> all = super.getHeadersFilters();
            if (all == null) {
                return null;
            }
            filters = all.stream().filter(filter -> !redundant(filter)).toList();
            headersFilters = filters;
        }
        return filters;
    }

    private static boolean redundant(HttpHeadersFilter filter) {
        return filter instanceof RemoveForwardedHeadersFilter || filter instanceof RemoveXForwardedHeadersFilter;
    }

    @Override
    protected HttpClient getHttpClient(Route route, ServerWebExchange exchange) {
        UpstreamTrust trust = exchange.getAttribute(UPSTREAM_TRUST_ATTR);
        return trust == null ? cleartext : secureByTrust.get(trust);
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
