package io.dbaas.nebula.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.contracts.Engine;
import io.dbaas.contracts.MessageMetadata;
import io.dbaas.contracts.command.DeleteDBCluster;
import io.dbaas.contracts.event.ClusterDeleted;
import io.dbaas.nebula.support.RecordingTracer;
import io.dbaas.nebula.support.RecordingTracer.Traced;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClusterEventsTest {

    private static final String ORION_TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    private final RecordingTracer tracing = new RecordingTracer();
    private final ClusterEvents events = new ClusterEvents(Clock.systemUTC(), tracing.messageTracing());
    private final DeleteDBCluster command = new DeleteDBCluster(
            UUID.randomUUID(),
            Instant.now(),
            new MessageMetadata(UUID.randomUUID(), null, "4bf92f3577b34da6a3ce929d0e0e4736", ORION_TRACEPARENT),
            UUID.randomUUID(),
            "minikube",
            "local",
            UUID.randomUUID(),
            Engine.QDRANT);

    @AfterEach
    void close() {
        tracing.close();
    }

    @Test
    void eventOfACommandHandledInASpanNamesThatSpanSoOrionContinuesFromIt() {
        Traced<ClusterDeleted> deleted = tracing.inSpan(() -> events.deleted(command));

        MessageMetadata metadata = deleted.result().metadata();
        assertThat(metadata.traceId()).isEqualTo(deleted.span().context().traceId());
        assertThat(metadata.traceparent())
                .isEqualTo("00-" + deleted.span().context().traceId() + "-"
                        + deleted.span().context().spanId() + "-01");
        assertThat(metadata.causationId()).isEqualTo(command.id());
        assertThat(metadata.correlationId()).isEqualTo(command.metadata().correlationId());
    }

    @Test
    void eventOfACommandHandledWithoutTracingKeepsTheCommandsTrace() {
        MessageMetadata metadata = events.deleted(command).metadata();

        assertThat(metadata.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(metadata.traceparent()).isEqualTo(ORION_TRACEPARENT);
    }
}
