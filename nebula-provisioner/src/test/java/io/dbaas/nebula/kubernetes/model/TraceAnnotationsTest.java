package io.dbaas.nebula.kubernetes.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.contracts.Engine;
import io.dbaas.nebula.infrastructure.DBClusterSpecs;
import io.dbaas.nebula.infrastructure.TestSpecs;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The trace of a cluster's last command is kept on its objects, so that status reported later joins that trace. */
class TraceAnnotationsTest {

    private static final UUID CLUSTER_ID = UUID.fromString("9f6c2a8e-51d4-4e0b-8f3a-2c1b7d9e4a60");
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String TRACEPARENT = "00-" + TRACE + "-00f067aa0ba902b7-01";

    @Test
    void commandsTraceIsWrittenAndReadBack() {
        DBClusterSpecs specs = TestSpecs.inTrace(TestSpecs.qdrant(CLUSTER_ID), TRACE, TRACEPARENT);

        Map<String, String> annotations = Annotations.desiredSpecs(specs);

        assertThat(annotations).containsEntry(Annotations.TRACEPARENT, TRACEPARENT);
        assertThat(Annotations.readSpecs(CLUSTER_ID, Engine.QDRANT, annotations))
                .hasValueSatisfying(read -> assertThat(read.traceparent()).isEqualTo(TRACEPARENT));
    }

    @Test
    void traceparentEditedIntoSomethingElseIsDroppedNotTrusted() {
        Map<String, String> annotations = new HashMap<>(
                Annotations.desiredSpecs(TestSpecs.inTrace(TestSpecs.qdrant(CLUSTER_ID), TRACE, TRACEPARENT)));
        annotations.put(Annotations.TRACEPARENT, "00-" + "x".repeat(4000));

        assertThat(Annotations.readSpecs(CLUSTER_ID, Engine.QDRANT, annotations))
                .hasValueSatisfying(read -> assertThat(read.traceparent()).isNull());
    }

    @Test
    void commandWithoutTraceLeavesNoTraceAnnotation() {
        assertThat(Annotations.status(TestSpecs.qdrant(CLUSTER_ID)))
                .doesNotContainKeys(Annotations.TRACE_ID, Annotations.TRACEPARENT);
    }
}
