package io.dbaas.nebula.config;

import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How cluster status is watched.
 *
 * @param resync how often the informers replay every cluster they know, which re-checks each cluster and undoes
 *     out-of-band changes that raised no event Nebula acts on (a deleted master-key Secret)
 * @param provisioningGracePeriod how long a new cluster may have pods that crash or cannot be scheduled before it is
 *     reported failed; until then it stays provisioning
 * @param renderingRollouts how many clusters of a region may at once roll their pods for a pod template that only a new
 *     Nebula release renders differently (their spec unchanged), when a restore or resync finds it; 0 (the default)
 *     leaves each cluster's pods alone until its next command changes it
 */
public record StatusProperties(
        @DefaultValue("5m") Duration resync,
        @DefaultValue("15m") Duration provisioningGracePeriod,
        @DefaultValue("0") int renderingRollouts) {

    public static final StatusProperties DEFAULT =
            new StatusProperties(Duration.ofMinutes(5), Duration.ofMinutes(15), 0);

    public StatusProperties {
        if (renderingRollouts < 0) {
            throw new IllegalArgumentException(
                    "nebula.status.rendering-rollouts cannot be negative: " + renderingRollouts);
        }
    }
}
