package io.dbaas.gatekeeper.snapshot;

import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param path where the directory snapshot is kept ({@code gatekeeper.directory.snapshot.path}); when absent, no
 *     snapshot is read or written and the directory comes from the topics alone
 * @param interval how often the snapshot is rewritten when the directory changed
 */
@ConfigurationProperties("gatekeeper.directory.snapshot")
public record DirectorySnapshotProperties(
        @Nullable Path path, @DefaultValue("10s") Duration interval) {

    public DirectorySnapshotProperties {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException(
                    "gatekeeper.directory.snapshot.interval must be positive, was " + interval);
        }
    }
}
