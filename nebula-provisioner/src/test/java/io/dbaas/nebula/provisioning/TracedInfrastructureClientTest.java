package io.dbaas.nebula.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbaas.nebula.infrastructure.ClusterRef;
import io.dbaas.nebula.infrastructure.DBClusterSpecs;
import io.dbaas.nebula.infrastructure.DeletionReport;
import io.dbaas.nebula.infrastructure.InfrastructureClient;
import io.dbaas.nebula.infrastructure.InfrastructureException;
import io.dbaas.nebula.infrastructure.ObservedCluster;
import io.dbaas.nebula.infrastructure.ProvisioningReport;
import io.dbaas.nebula.infrastructure.TestSpecs;
import io.dbaas.nebula.support.RecordingTracer;
import io.dbaas.nebula.support.RecordingTracer.Traced;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TracedInfrastructureClientTest {

    private final RecordingTracer tracing = new RecordingTracer();
    private final DBClusterSpecs specs = TestSpecs.qdrant(UUID.randomUUID());

    @AfterEach
    void close() {
        tracing.close();
    }

    @Test
    void kubernetesCallsOfACommandAreASpanUnderTheCommandsSpan() {
        InfrastructureClient traced = new TracedInfrastructureClient(new Unreachable(false), tracing.tracer());

        Traced<ProvisioningReport> command = tracing.inSpan(() -> traced.provision(specs));

        SpanData call = tracing.finished("nebula.kubernetes.provision");
        assertThat(call.getParentSpanId()).isEqualTo(command.span().context().spanId());
        assertThat(call.getAttributes().get(AttributeKey.stringKey("region"))).isEqualTo("local");
        assertThat(call.getAttributes().get(AttributeKey.stringKey("cluster")))
                .isEqualTo(specs.clusterId().toString());
    }

    @Test
    void failedCallIsMarkedInItsSpanAndStillThrown() {
        InfrastructureClient traced = new TracedInfrastructureClient(new Unreachable(true), tracing.tracer());

        assertThatThrownBy(() -> traced.update(specs)).isInstanceOf(InfrastructureException.class);

        SpanData call = tracing.finished("nebula.kubernetes.update");
        assertThat(call.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(call.hasEnded()).isTrue();
    }

    /** A backend that answers at once, or fails as an unreachable region would. */
    private record Unreachable(boolean failing) implements InfrastructureClient {

        @Override
        public ProvisioningReport provision(DBClusterSpecs specs) {
            return answer();
        }

        @Override
        public ProvisioningReport update(DBClusterSpecs specs) {
            return answer();
        }

        @Override
        public DeletionReport delete(ClusterRef cluster) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<ObservedCluster> observe(ClusterRef cluster) {
            return Optional.empty();
        }

        private ProvisioningReport answer() {
            if (failing) {
                throw new InfrastructureException("region minikube/local is unreachable", true);
            }
            return new ProvisioningReport(List.of());
        }
    }
}
