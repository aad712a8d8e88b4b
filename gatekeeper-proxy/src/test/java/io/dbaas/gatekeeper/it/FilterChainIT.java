package io.dbaas.gatekeeper.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.gatekeeper.support.GateKeeperIntegrationTest;
import io.dbaas.gatekeeper.upstream.UpstreamRoutingFilter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.RemoveForwardedHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.RemoveHopByHopHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.RemoveXForwardedHeadersFilter;

/**
 * Every request runs through the gateway's whole filter chain, so GateKeeper keeps in it only what its one route
 * needs. A gateway upgrade that adds a filter to every request shows up here.
 */
class FilterChainIT extends GateKeeperIntegrationTest {

    @Autowired
    private UpstreamRoutingFilter routing;

    @Test
    void headersReachTheClusterThroughGateKeepersForwardingHeadersNotTheGatewaysRemovalFilters() {
        List<HttpHeadersFilter> filters = routing.getHeadersFilters();
        assertThat(filters).isNotNull();
        assertThat(filters)
                .noneMatch(filter -> filter instanceof RemoveForwardedHeadersFilter
                        || filter instanceof RemoveXForwardedHeadersFilter)
                .anyMatch(filter -> filter instanceof RemoveHopByHopHeadersFilter)
                .anyMatch(filter -> filter.getClass().getSimpleName().equals("ForwardingHeaders"));
    }
}
