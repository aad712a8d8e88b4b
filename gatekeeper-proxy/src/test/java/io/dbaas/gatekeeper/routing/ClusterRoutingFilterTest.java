package io.dbaas.gatekeeper.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;

import io.dbaas.contracts.Engine;
import io.dbaas.contracts.security.ApiKeys;
import io.dbaas.contracts.security.KeyScope;
import io.dbaas.gatekeeper.abuse.AbuseProperties;
import io.dbaas.gatekeeper.abuse.AbuseProtection;
import io.dbaas.gatekeeper.directory.ClusterDirectory;
import io.dbaas.gatekeeper.directory.ClusterRoute;
import io.dbaas.gatekeeper.directory.MasterKey;
import io.dbaas.gatekeeper.problem.ProblemResponses;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.NettyRoutingFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

class ClusterRoutingFilterTest {

    private static final String HOST = "c1.eu-west-1.aws.dbaas.localhost";
    private static final String MASTER_KEY = "master-key-of-cluster-one-32-chr";

    private final ClusterDirectory directory = new ClusterDirectory();
    private final ClusterRoutingFilter filter = new ClusterRoutingFilter(
            directory,
            new ProblemResponses(JsonMapper.builder().build()),
            new AbuseProtection(new AbuseProperties(1000, Duration.ofSeconds(1), 1000, Duration.ofMinutes(1), 100)),
            "dbaas.localhost",
            Clock.systemUTC());
    private final AtomicReference<@Nullable ServerWebExchange> forwarded = new AtomicReference<>();
    private final GatewayFilterChain chain = exchange -> {
        forwarded.set(exchange);
        return Mono.empty();
    };

    @BeforeEach
    void knowOneCluster() {
        directory.put(ClusterRoute.of(
                UUID.randomUUID(),
                Engine.QDRANT,
                HOST,
                URI.create("http://10.1.2.3:6333"),
                new MasterKey(MASTER_KEY),
                "sealed",
                null));
    }

    @Test
    void aValidKeyIsReplacedByTheMasterKeyAndTheRequestGoesToTheClusterUpstream() {
        MockServerWebExchange exchange = exchange(post("http://" + HOST + ":8000/a%20b/c?x=1&y=%2F")
                .header("api-key", apiKey())
                .header(HttpHeaders.AUTHORIZATION, "Bearer client-token")
                .header(HttpHeaders.COOKIE, "session=client")
                .header("X-Client", "kept"));

        filter.filter(exchange, chain).block();

        ServerWebExchange sent = forwarded.get();
        assertThat(sent).isNotNull();
        HttpHeaders headers = sent.getRequest().getHeaders();
        assertThat(headers.get("api-key")).containsExactly(MASTER_KEY);
        assertThat(headers.containsHeader(HttpHeaders.AUTHORIZATION)).isFalse();
        assertThat(headers.containsHeader(HttpHeaders.COOKIE)).isFalse();
        assertThat(headers.getFirst("X-Client")).isEqualTo("kept");
        assertThat(sent.<URI>getAttribute(GATEWAY_REQUEST_URL_ATTR))
                .isEqualTo(URI.create("http://10.1.2.3:6333/a%20b/c?x=1&y=%2F"));
    }

    @Test
    void theHostIsLookedUpWithoutPortAndIgnoringCase() {
        MockServerWebExchange exchange =
                exchange(get("http://" + HOST.toUpperCase() + ":8000/").header("api-key", apiKey()));

        filter.filter(exchange, chain).block();

        assertThat(forwarded.get()).isNotNull();
    }

    @Test
    void aRequestWithoutKeyIsRefusedAndNotForwarded() {
        MockServerWebExchange exchange = exchange(get("http://" + HOST + "/"));

        filter.filter(exchange, chain).block();

        assertThat(forwarded.get()).isNull();
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(exchange.getResponse().getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE))
                .startsWith("ApiKey");
        assertThat(exchange.getResponse().getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(exchange.getResponse().getBodyAsString().block()).contains("urn:dbaas:problem:unauthenticated");
    }

    @Test
    void theMasterKeyPresentedAsApiKeyIsRefused() {
        MockServerWebExchange exchange = exchange(get("http://" + HOST + "/").header("api-key", MASTER_KEY));

        filter.filter(exchange, chain).block();

        assertThat(forwarded.get()).isNull();
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(exchange.getResponse().getBodyAsString().block()).doesNotContain(MASTER_KEY);
    }

    @Test
    void anUnknownHostIsNotFoundAndNotForwarded() {
        MockServerWebExchange exchange =
                exchange(get("http://other.dbaas.localhost/").header("api-key", apiKey()));

        filter.filter(exchange, chain).block();

        assertThat(forwarded.get()).isNull();
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(exchange.getResponse().getBodyAsString().block()).contains("urn:dbaas:problem:unknown-cluster");
    }

    @Test
    void runsBetweenTheRequestUrlFilterAndTheRoutingFilters() {
        assertThat(filter.getOrder())
                .isGreaterThan(RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER)
                .isLessThan(NettyRoutingFilter.ORDER);
    }

    private static String apiKey() {
        return ApiKeys.issue(MASTER_KEY, KeyScope.READ_WRITE, null).key();
    }

    /** A client sends the authority of the URL as Host; the mock request does not do that by itself. */
    private static MockServerHttpRequest.BaseBuilder<?> get(String url) {
        return MockServerHttpRequest.method(HttpMethod.GET, URI.create(url))
                .header(HttpHeaders.HOST, URI.create(url).getRawAuthority());
    }

    private static MockServerHttpRequest.BaseBuilder<?> post(String url) {
        // From a URI, not a template: a template would be encoded a second time.
        return MockServerHttpRequest.method(HttpMethod.POST, URI.create(url))
                .header(HttpHeaders.HOST, URI.create(url).getRawAuthority());
    }

    private static MockServerWebExchange exchange(MockServerHttpRequest.BaseBuilder<?> request) {
        MockServerWebExchange exchange = MockServerWebExchange.from(request);
        // As RouteToRequestUrlFilter leaves it: the request URL on the placeholder route URI.
        URI requestUrl = exchange.getRequest().getURI();
        exchange.getAttributes()
                .put(
                        GATEWAY_REQUEST_URL_ATTR,
                        URI.create(RoutingConfiguration.PLACEHOLDER_URI
                                + requestUrl.getRawPath()
                                + (requestUrl.getRawQuery() == null ? "" : "?" + requestUrl.getRawQuery())));
        return exchange;
    }
}
