package io.dbaas.gatekeeper.upstream;

import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.netty.http.client.HttpClient;

@Configuration(proxyBeanMethods = false)
public class UpstreamConfiguration {

    @Bean
    UpstreamFailureFilter upstreamFailureFilter() {
        return new UpstreamFailureFilter();
    }

    /**
     * Takes the place of the gateway's own routing filter by running just before it: that one does not back off for
     * this one (and cannot be switched off without its response-writing filter), so it stays in the chain and lets
     * the already routed request pass.
     */
    @Bean
    UpstreamRoutingFilter upstreamRoutingFilter(
            HttpClient httpClient,
            ObjectProvider<List<HttpHeadersFilter>> headersFilters,
            HttpClientProperties properties,
            UpstreamProperties upstream) {
        return new UpstreamRoutingFilter(httpClient, headersFilters, properties, upstream.connectTimeout());
    }
}
