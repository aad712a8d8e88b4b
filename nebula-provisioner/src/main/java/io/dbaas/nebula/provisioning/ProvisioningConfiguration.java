package io.dbaas.nebula.provisioning;

import io.dbaas.nebula.config.NebulaProperties;
import io.dbaas.nebula.config.RetryProperties;
import io.dbaas.nebula.events.ClusterEventPublisher;
import io.dbaas.nebula.events.ClusterEvents;
import io.dbaas.nebula.infrastructure.InfrastructureClient;
import io.dbaas.nebula.infrastructure.InfrastructureException;
import io.dbaas.nebula.region.RegionCatalog;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;

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
            ClusterEvents events,
            NebulaProperties properties) {
        return new ClusterCommandHandler(
                catalog, infrastructure, publisher, events, transientFailureRetry(properties.kubernetesRetry()));
    }

    /** Retries only what the infrastructure calls transient; a permanent failure is reported at once. */
    static RetryTemplate transientFailureRetry(RetryProperties retry) {
        return new RetryTemplate(RetryPolicy.builder()
                .maxRetries(retry.maxRetries())
                .delay(retry.initialDelay())
                .multiplier(2)
                .maxDelay(retry.maxDelay())
                .predicate(failure -> failure instanceof InfrastructureException e && e.isTransient())
                .build());
    }
}
