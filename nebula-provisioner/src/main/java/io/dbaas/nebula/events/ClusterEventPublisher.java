package io.dbaas.nebula.events;

import io.dbaas.contracts.event.ClusterEvent;

/** Publishes cluster events, keyed by cluster id. */
public interface ClusterEventPublisher {

    /**
     * Publishes the event and returns once the broker has acknowledged it.
     *
     * @throws EventPublicationException when the broker did not acknowledge it
     */
    void publish(ClusterEvent event);
}
