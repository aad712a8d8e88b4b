package io.dbaas.nebula.backup;

import io.dbaas.contracts.tracing.MessageTracing;
import io.dbaas.nebula.backup.storage.SnapshotLocations;
import io.dbaas.nebula.config.BackupJobProperties;
import io.dbaas.nebula.events.ClusterEventPublisher;
import io.dbaas.nebula.kubernetes.region.RegionClients;
import io.dbaas.nebula.region.RegionCatalog;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Backups through the agent's Jobs: the command handler and the watch on the Jobs. */
@Configuration(proxyBeanMethods = false)
class BackupConfiguration {

    @Bean
    BackupEvents backupEvents(MessageTracing tracing) {
        return new BackupEvents(Clock.systemUTC(), tracing);
    }

    @Bean
    BackupCommandHandler backupCommandHandler(
            RegionCatalog catalog,
            RegionClients clients,
            ClusterEventPublisher publisher,
            BackupEvents events,
            BackupJobProperties settings) {
        return new BackupCommandHandler(catalog, clients, publisher, events, settings);
    }

    @Bean
    RestoreJobs restoreJobs(
            ClusterEventPublisher publisher,
            MessageTracing tracing,
            BackupJobProperties settings,
            ObjectProvider<SnapshotLocations> snapshotLocations) {
        return new RestoreJobs(publisher, tracing, settings, snapshotLocations.getIfAvailable(), Clock.systemUTC());
    }

    @Bean
    BackupJobWatch backupJobWatch(
            ClusterEventPublisher publisher, BackupEvents events, MeterRegistry registry, RestoreOutcomes restores) {
        return new BackupJobWatch(publisher, events, new BackupJobMeters(registry), restores);
    }
}
