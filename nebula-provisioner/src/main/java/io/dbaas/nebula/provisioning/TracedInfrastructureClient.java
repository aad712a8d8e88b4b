package io.dbaas.nebula.provisioning;

import io.dbaas.nebula.infrastructure.ClusterRef;
import io.dbaas.nebula.infrastructure.DBClusterSpecs;
import io.dbaas.nebula.infrastructure.DeletionReport;
import io.dbaas.nebula.infrastructure.InfrastructureClient;
import io.dbaas.nebula.infrastructure.ObservedCluster;
import io.dbaas.nebula.infrastructure.ProvisioningReport;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A span around each call a command makes on its region's Kubernetes API (the reconcile of the cluster), child of the
 * command's span, so that a trace shows how long the region took and which call failed.
 */
final class TracedInfrastructureClient implements InfrastructureClient {

    private final InfrastructureClient infrastructure;
    private final Tracer tracer;

    TracedInfrastructureClient(InfrastructureClient infrastructure, Tracer tracer) {
        this.infrastructure = infrastructure;
        this.tracer = tracer;
    }

    @Override
    public ProvisioningReport provision(DBClusterSpecs specs) {
        return traced(
                "provision",
                specs.clusterId(),
                specs.provider(),
                specs.region(),
                () -> infrastructure.provision(specs));
    }

    @Override
    public ProvisioningReport update(DBClusterSpecs specs) {
        return traced(
                "update", specs.clusterId(), specs.provider(), specs.region(), () -> infrastructure.update(specs));
    }

    @Override
    public DeletionReport delete(ClusterRef cluster) {
        return traced(
                "delete",
                cluster.clusterId(),
                cluster.provider(),
                cluster.region(),
                () -> infrastructure.delete(cluster));
    }

    @Override
    public Optional<ObservedCluster> observe(ClusterRef cluster) {
        return traced(
                "observe",
                cluster.clusterId(),
                cluster.provider(),
                cluster.region(),
                () -> infrastructure.observe(cluster));
    }

    private <T> T traced(String operation, UUID clusterId, String provider, String region, Supplier<T> call) {
        Span span = tracer.nextSpan()
                .name("nebula.kubernetes." + operation)
                .tag("cluster", clusterId.toString())
                .tag("provider", provider)
                .tag("region", region)
                .start();
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            return call.get();
        } catch (RuntimeException | Error e) {
            span.error(e);
            throw e;
        } finally {
            span.end();
        }
    }
}
