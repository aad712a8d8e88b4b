package io.dbaas.gatekeeper.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.gatekeeper.support.GateKeeperIntegrationTest;
import io.dbaas.gatekeeper.support.RecordingUpstream.Received;
import io.dbaas.gatekeeper.support.TestCluster;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.TestPropertySource;

/**
 * With tracing on (an OTLP endpoint configured), the cluster sees the client's trace with GateKeeper's own span as
 * parent. The endpoint is a closed loopback port: export fails quietly, the requests do not.
 */
@TestPropertySource(
        properties = {
            "management.opentelemetry.tracing.export.otlp.endpoint=http://127.0.0.1:9/v1/traces",
            "management.tracing.sampling.probability=1.0"
        })
class TracingIT extends GateKeeperIntegrationTest {

    private static final String CLIENT_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CLIENT_SPAN = "00f067aa0ba902b7";

    private TestCluster cluster;

    @BeforeEach
    void aCluster() {
        cluster = provisioned(UPSTREAM_A);
    }

    @Test
    void clusterSeesTheClientsTraceWithGateKeepersSpanAsParent() {
        send("00-" + CLIENT_TRACE + "-" + CLIENT_SPAN + "-01");

        String traceparent = single(UPSTREAM_A.received()).header("traceparent").getFirst();
        assertThat(traceparent).matches("00-" + CLIENT_TRACE + "-[0-9a-f]{16}-01");
        assertThat(traceparent).doesNotContain(CLIENT_SPAN);
    }

    @Test
    void requestWithoutTraceContextReachesTheClusterInATraceGateKeeperStarted() {
        send(null);

        Received received = single(UPSTREAM_A.received());
        assertThat(received.header("traceparent"))
                .singleElement()
                .asString()
                .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
    }

    @Test
    void malformedTraceContextIsNotPassedOnAndStartsANewTrace() {
        send("00-not-a-trace-01");

        Received received = single(UPSTREAM_A.received());
        assertThat(received.header("traceparent"))
                .singleElement()
                .asString()
                .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
    }

    private static Received single(List<Received> received) {
        assertThat(received).hasSize(1);
        return received.getFirst();
    }

    private void send(@Nullable String traceparent) {
        gateway()
                .get()
                .uri("/collections")
                .header(HttpHeaders.HOST, cluster.host())
                .header("api-key", cluster.newApiKey())
                .headers(headers -> {
                    if (traceparent != null) {
                        headers.set("traceparent", traceparent);
                    }
                })
                .exchange()
                .expectStatus()
                .isOk();
    }
}
