package io.dbaas.orion.cluster.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.contracts.MessageMetadata;
import io.dbaas.contracts.command.ClusterCommand;
import io.dbaas.orion.support.Claims;
import io.dbaas.orion.support.OrionIntegrationTests;
import io.dbaas.orion.support.Topics;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaBroker;

/**
 * A claim's command carries the trace of the request that wrote it, though the outbox relay sends it later from
 * another thread: Nebula's spans join the client's trace.
 */
class ClaimTraceTests extends OrionIntegrationTests {

    private static final String CLIENT_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CLIENT_SPAN = "00f067aa0ba902b7";

    @Autowired
    EmbeddedKafkaBroker broker;

    @Test
    void commandOfAClaimContinuesTheTraceTheClientSent() {
        Response response = as(account.adminToken())
                .post("/v1/clusters", Claims.VALID, "traceparent", "00-" + CLIENT_TRACE + "-" + CLIENT_SPAN + "-01");

        MessageMetadata metadata = commandOf(response).metadata();
        assertThat(metadata.traceId()).isEqualTo(CLIENT_TRACE);
        // Orion's own span of the request, a child of the client's, is the parent Nebula continues from.
        assertThat(metadata.traceparent())
                .matches("00-" + CLIENT_TRACE + "-[0-9a-f]{16}-01")
                .doesNotContain(CLIENT_SPAN);
    }

    @Test
    void commandOfAClaimWithoutTraceContextStartsATraceOfItsOwn() {
        Response response = post("/v1/clusters", Claims.VALID);

        MessageMetadata metadata = commandOf(response).metadata();
        assertThat(metadata.traceId()).matches("[0-9a-f]{32}");
        assertThat(metadata.traceparent()).startsWith("00-" + metadata.traceId() + "-");
    }

    private ClusterCommand commandOf(Response response) {
        assertThat(response.status()).isEqualTo(202);
        String id = response.json().get("id").asString();
        ConsumerRecord<String, byte[]> record = Topics.firstWithKey(
                        broker, io.dbaas.contracts.Topics.CLUSTER_COMMANDS, id, Duration.ofSeconds(20))
                .orElseThrow(() -> new AssertionError("no command published for cluster " + id));
        return codec.read(record.value(), ClusterCommand.class);
    }
}
