package io.dbaas.gatekeeper.events;

import io.dbaas.contracts.event.ClusterEvent;

/**
 * An event that would route traffic but does not carry Nebula's authentication tag for its content: forged by someone
 * who can write to Kafka, or changed on the way. Its message names the event and the cluster, nothing of its content.
 */
public class InauthenticEventException extends RuntimeException {

    InauthenticEventException(ClusterEvent event) {
        super(event.name() + " " + event.id() + " for cluster " + event.clusterId() + " is not authentic");
    }
}
