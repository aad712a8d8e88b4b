package io.dbaas.nebula.provisioning;

import io.dbaas.contracts.tracing.MessageTracing;
import io.dbaas.nebula.config.NebulaProperties;
import io.dbaas.nebula.events.ClusterEventPublisher;
import io.dbaas.nebula.events.ClusterEvents;
import io.dbaas.nebula.infrastructure.InfrastructureClient;
import io.dbaas.nebula.region.RegionCatalog;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import java.time.Clock;
import java.util.random.RandomGenerator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
class ProvisioningConfiguration {

    @Bean
    ClusterEvents clusterEvents(MessageTracing tracing) {
        return new ClusterEvents(Clock.systemUTC(), tracing);
    }

    @Bean
    ClusterCommandHandler clusterCommandHandler(
            RegionCatalog catalog,
            InfrastructureClient infrastructure,
            ClusterEventPublisher publisher,
            ClusterEvents events,
            ObjectProvider<Tracer> tracer,
            ObjectProvider<BackupCommands> backups) {
        InfrastructureClient traced =
                new TracedInfrastructureClient(infrastructure, tracer.getIfAvailable(() -> Tracer.NOOP));
        return new ClusterCommandHandler(catalog, traced, publisher, events, backups.getIfAvailable());
    }

    @Bean
    CommandQueue commandQueue(
            ClusterCommandHandler handler,
            JdbcClient jdbc,
            ClusterEventPublisher publisher,
            ClusterEvents events,
            NebulaProperties properties,
            MeterRegistry registry,
            MessageTracing tracing) {
        PendingCommands pending = new PendingCommands(jdbc);
        new WaitingCommands(pending::count, Clock.systemUTC()).register(registry);
        return new CommandQueue(
                handler,
                pending,
                new BackOff(properties.kubernetesRetry(), RandomGenerator.getDefault()),
                publisher,
                events,
                Clock.systemUTC(),
                tracing);
    }

    @Bean
    DueCommandsPoller dueCommandsPoller(CommandQueue queue, NebulaProperties properties) {
        return new DueCommandsPoller(queue, properties.kubernetesRetry().pollInterval());
    }
}
