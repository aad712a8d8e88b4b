package io.dbaas.gatekeeper.routing;

import io.dbaas.gatekeeper.abuse.AbuseProtection;
import io.dbaas.gatekeeper.directory.ClusterDirectory;
import io.dbaas.gatekeeper.problem.ProblemResponses;
import io.dbaas.gatekeeper.upstream.UpstreamProperties;
import java.time.Clock;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.cloud.gateway.handler.predicate.HostRoutePredicateFactory;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.AntPathMatcher;

/**
 * One catch-all route for every cluster. The gateway tests routes one after another on each request, so a route per
 * cluster would make every request slower as clusters are added; the directory lookup in {@link ClusterRoutingFilter}
 * does not.
 */
@Configuration(proxyBeanMethods = false)
public class RoutingConfiguration {

    public static final String ROUTE_ID = "clusters";

    /**
     * Never contacted: {@link ClusterRoutingFilter} replaces it with the cluster's upstream or answers itself. A
     * scheme no routing filter handles means a request that somehow skipped that filter goes nowhere.
     */
    static final String PLACEHOLDER_URI = "no://cluster-upstream";

    @Bean
    RouteLocator clusterRoutes(
            RouteLocatorBuilder routes, GateKeeperProperties properties, UpstreamProperties upstream) {
        // The response timeout as route metadata, which the gateway's routing filter reads on every call. The connect
        // timeout is set once on the upstream client instead (see UpstreamRoutingFilter).
        return routes.routes()
                .route(ROUTE_ID, route -> route.host(properties.hostPattern())
                        .metadata(
                                RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR,
                                upstream.responseTimeout().toMillis())
                        .uri(PLACEHOLDER_URI))
                .build();
    }

    @Bean
    ClusterRoutingFilter clusterRoutingFilter(
            ClusterDirectory directory,
            ProblemResponses problems,
            AbuseProtection abuse,
            GateKeeperProperties properties) {
        return new ClusterRoutingFilter(directory, problems, abuse, properties.domain(), Clock.systemUTC());
    }

    /**
     * Host names are case-insensitive (RFC 4343), but the gateway's Host predicate matches case-sensitively by
     * default; without this, {@code X.DBAAS.LOCALHOST} would miss the route that {@code x.dbaas.localhost} hits.
     */
    @Bean
    static BeanPostProcessor caseInsensitiveHostMatching() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof HostRoutePredicateFactory hosts) {
                    AntPathMatcher matcher = new AntPathMatcher(".");
                    matcher.setCaseSensitive(false);
                    hosts.setPathMatcher(matcher);
                }
                return bean;
            }
        };
    }
}
