package io.dbaas.gatekeeper.events;

import java.util.UUID;

/**
 * The consumer group of this GateKeeper instance. Unique per process: instances sharing a group would split the
 * partitions between them and each would miss the clusters of the others.
 */
public record ClusterEventsConsumerGroup(String id) {

    static ClusterEventsConsumerGroup uniqueFor(ClusterEventsProperties properties) {
        return new ClusterEventsConsumerGroup(properties.groupIdPrefix() + UUID.randomUUID());
    }
}
