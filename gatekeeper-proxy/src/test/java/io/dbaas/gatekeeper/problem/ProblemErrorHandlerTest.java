package io.dbaas.gatekeeper.problem;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ProblemErrorHandlerTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final ProblemErrorHandler handler = new ProblemErrorHandler(new ProblemResponses(json));

    @Test
    void aHostNoRouteMatchesIsAnUnknownCluster() {
        MockServerWebExchange exchange = exchange();

        handler.handle(exchange, new ResponseStatusException(HttpStatus.NOT_FOUND))
                .block();

        JsonNode body = body(exchange);
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(exchange.getResponse().getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(body.get("type").asString()).isEqualTo("urn:dbaas:problem:unknown-cluster");
        assertThat(body.get("title").asString()).isEqualTo("Unknown cluster");
        assertThat(body.get("status").asInt()).isEqualTo(404);
        assertThat(body.get("detail").asString()).isNotBlank();
    }

    @Test
    void theGatewaysOwnResponseTimeoutIsAnUpstreamTimeoutThatKeepsTheAddressOutOfTheBody() {
        MockServerWebExchange exchange = exchange();

        handler.handle(exchange, new ResponseStatusException(HttpStatus.GATEWAY_TIMEOUT, "upstream 10.0.0.7 slow"))
                .block();

        JsonNode body = body(exchange);
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.GATEWAY_TIMEOUT);
        assertThat(body.get("type").asString()).isEqualTo("urn:dbaas:problem:upstream-timeout");
        assertThat(body.toString()).doesNotContain("10.0.0.7");
    }

    @Test
    void aKnownProblemIsAnsweredAsItIs() {
        MockServerWebExchange exchange = exchange();

        handler.handle(exchange, new ProblemException(Problem.UPSTREAM_UNAVAILABLE))
                .block();

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.BAD_GATEWAY);
        assertThat(body(exchange).get("type").asString()).isEqualTo("urn:dbaas:problem:upstream-unavailable");
    }

    @Test
    void otherStatusesKeepTheirStatusWithAGenericProblem() {
        MockServerWebExchange exchange = exchange();

        handler.handle(exchange, new ResponseStatusException(HttpStatus.METHOD_NOT_ALLOWED, "no TRACE on 10.0.0.7"))
                .block();

        JsonNode body = body(exchange);
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.METHOD_NOT_ALLOWED);
        assertThat(body.get("type").asString()).isEqualTo("about:blank");
        assertThat(body.get("title").asString()).isEqualTo("Method Not Allowed");
        assertThat(body.toString()).doesNotContain("10.0.0.7");
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void anUnexpectedFailureIsAnInternalErrorThatKeepsItsMessageOutOfTheBodyAndTheLog(CapturedOutput log) {
        MockServerWebExchange exchange = exchange();

        handler.handle(exchange, new IllegalStateException("api-key=dbk_secret leaked into a message"))
                .block();

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(body(exchange).get("type").asString()).isEqualTo("urn:dbaas:problem:internal-error");
        assertThat(exchange.getResponse().getBodyAsString().block()).doesNotContain("dbk_secret");
        assertThat(log.getAll()).contains("IllegalStateException").doesNotContain("dbk_secret");
    }

    private static MockServerWebExchange exchange() {
        return MockServerWebExchange.from(MockServerHttpRequest.get("http://example.com/anything"));
    }

    private JsonNode body(MockServerWebExchange exchange) {
        return json.readTree(exchange.getResponse().getBodyAsString().block());
    }
}
