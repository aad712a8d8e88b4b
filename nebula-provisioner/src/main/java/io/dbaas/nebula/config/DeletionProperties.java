package io.dbaas.nebula.config;

import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How clusters are deleted.
 *
 * @param volumes what happens to the data volumes
 * @param timeout how long deletion waits for the namespace to be gone before it reports a failure to try again
 */
public record DeletionProperties(
        @DefaultValue("delete") VolumePolicy volumes,
        @DefaultValue("5m") Duration timeout) {

    public static final DeletionProperties DEFAULT = new DeletionProperties(VolumePolicy.DELETE, Duration.ofMinutes(5));
}
