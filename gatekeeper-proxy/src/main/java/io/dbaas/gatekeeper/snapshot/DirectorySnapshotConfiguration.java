package io.dbaas.gatekeeper.snapshot;

import io.dbaas.gatekeeper.directory.ClusterDirectory;
import io.dbaas.gatekeeper.events.ClusterDirectoryUpdater;
import io.dbaas.gatekeeper.events.ConsumedOffsets;
import io.dbaas.gatekeeper.events.DirectoryReadiness;
import java.nio.file.Path;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The directory snapshot, when {@code gatekeeper.directory.snapshot.path} is set. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("gatekeeper.directory.snapshot.path")
public class DirectorySnapshotConfiguration {

    @Bean
    DirectorySnapshotKeeper directorySnapshotKeeper(
            DirectorySnapshotProperties properties,
            ClusterDirectory directory,
            ConsumedOffsets offsets,
            ClusterDirectoryUpdater updater,
            DirectoryReadiness readiness) {
        Path path = properties.path();
        if (path == null) {
            throw new IllegalStateException("gatekeeper.directory.snapshot.path is not set");
        }
        return new DirectorySnapshotKeeper(
                new DirectorySnapshotFile(path),
                new DirectorySnapshots(directory, offsets, updater),
                directory,
                readiness,
                Clock.systemUTC(),
                properties.interval());
    }
}
