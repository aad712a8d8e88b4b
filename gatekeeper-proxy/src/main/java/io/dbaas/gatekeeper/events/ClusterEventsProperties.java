package io.dbaas.gatekeeper.events;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How GateKeeper reads the cluster-events topic.
 *
 * @param groupIdPrefix the start of this instance's consumer group id; a random suffix makes the group unique to the
 *     instance, so that every instance sees every event
 */
@ConfigurationProperties("gatekeeper.cluster-events")
public record ClusterEventsProperties(
        @DefaultValue("gatekeeper-") String groupIdPrefix) {}
