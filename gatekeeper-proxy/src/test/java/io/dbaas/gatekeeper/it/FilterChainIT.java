package io.dbaas.gatekeeper.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.gatekeeper.routing.ClusterRoutingFilter;
import io.dbaas.gatekeeper.support.GateKeeperIntegrationTest;
import io.dbaas.gatekeeper.upstream.UpstreamFailureFilter;
import io.dbaas.gatekeeper.upstream.UpstreamRoutingFilter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.NettyRoutingFilter;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.cloud.gateway.filter.WebsocketRoutingFilter;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.RemoveForwardedHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.RemoveHopByHopHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.RemoveXForwardedHeadersFilter;
import org.springframework.web.server.WebFilter;

/**
 * Every request runs through the gateway's whole filter chain, so GateKeeper keeps in it only what its one route
 * needs. A gateway upgrade that adds a filter to every request shows up here.
 */
class FilterChainIT extends GateKeeperIntegrationTest {

    @Autowired
    private List<GlobalFilter> globalFilters;

    @Autowired
    private List<WebFilter> webFilters;

    @Autowired
    private UpstreamRoutingFilter routing;

    @Test
    void theGatewayRunsOnlyTheGlobalFiltersGateKeeperNeeds() {
        assertThat(globalFilters)
                .extracting(filter -> filter.getClass().getSimpleName())
                .containsExactlyInAnyOrder(
                        RouteToRequestUrlFilter.class.getSimpleName(),
                        ClusterRoutingFilter.class.getSimpleName(),
                        WebsocketRoutingFilter.class.getSimpleName(),
                        UpstreamFailureFilter.class.getSimpleName(),
                        UpstreamRoutingFilter.class.getSimpleName(),
                        // Stays, after UpstreamRoutingFilter: the request is routed by then, so it lets it pass.
                        NettyRoutingFilter.class.getSimpleName(),
                        NettyWriteResponseFilter.class.getSimpleName(),
                        // Answers lb:// route URIs with 503 when no load balancer is present (it is not public).
                        "NoLoadBalancerClientFilter");
    }

    @Test
    void upstreamRoutingFilterSendsTheRequestBeforeTheGatewaysOwnRoutingFilter() {
        assertThat(routing.getOrder()).isLessThan(NettyRoutingFilter.ORDER);
    }

    @Test
    void everyWebFilterIsGateKeepersOwn() {
        assertThat(webFilters)
                .map(filter -> filter.getClass().getPackageName())
                .allMatch(name -> name.startsWith("io.dbaas.gatekeeper."));
    }

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
