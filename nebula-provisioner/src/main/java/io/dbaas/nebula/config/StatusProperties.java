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
 */
public record StatusProperties(
        @DefaultValue("5m") Duration resync,
        @DefaultValue("15m") Duration provisioningGracePeriod) {

    public static final StatusProperties DEFAULT = new StatusProperties(Duration.ofMinutes(5), Duration.ofMinutes(15));
}
