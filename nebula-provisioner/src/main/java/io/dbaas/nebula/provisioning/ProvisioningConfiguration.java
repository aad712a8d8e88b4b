package io.dbaas.nebula.provisioning;

import io.dbaas.nebula.config.NebulaProperties;
import io.dbaas.nebula.events.ClusterEventPublisher;
import io.dbaas.nebula.events.ClusterEvents;
import io.dbaas.nebula.infrastructure.InfrastructureClient;
import io.dbaas.nebula.region.RegionCatalog;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.random.RandomGenerator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
class ProvisioningConfiguration {

    @Bean
    ClusterEvents clusterEvents() {
        return new ClusterEvents(Clock.systemUTC());
    }

    @Bean
    ClusterCommandHandler clusterCommandHandler(
            RegionCatalog catalog,
            InfrastructureClient infrastructure,
            ClusterEventPublisher publisher,
            ClusterEvents events) {
        return new ClusterCommandHandler(catalog, infrastructure, publisher, events);
    }

    @Bean
    CommandQueue commandQueue(
            ClusterCommandHandler handler,
            JdbcClient jdbc,
            ClusterEventPublisher publisher,
            ClusterEvents events,
            NebulaProperties properties,
            MeterRegistry registry) {
        PendingCommands pending = new PendingCommands(jdbc);
        new WaitingCommands(pending::count, Clock.systemUTC()).register(registry);
        return new CommandQueue(
                handler,
                pending,
                new BackOff(properties.kubernetesRetry(), RandomGenerator.getDefault()),
                publisher,
                events,
                Clock.systemUTC());
    }

    @Bean
    DueCommandsPoller dueCommandsPoller(CommandQueue queue, NebulaProperties properties) {
        return new DueCommandsPoller(queue, properties.kubernetesRetry().pollInterval());
    }
}
