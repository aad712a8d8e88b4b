package io.dbaas.orion.events;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param retention how long a cluster's events stay readable after they occurred; older ones are purged
 * @param purgeInterval how often the purge runs (one Orion instance at a time)
 */
@ConfigurationProperties("orion.cluster-events")
public record ClusterEventProperties(
        @DefaultValue("90d") Duration retention,
        @DefaultValue("1h") Duration purgeInterval) {

    public ClusterEventProperties {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("orion.cluster-events.retention must be positive, was " + retention);
        }
        if (purgeInterval.isNegative() || purgeInterval.isZero()) {
            throw new IllegalArgumentException(
                    "orion.cluster-events.purge-interval must be positive, was " + purgeInterval);
        }
    }
}
