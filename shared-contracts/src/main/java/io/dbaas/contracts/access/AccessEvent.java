package io.dbaas.contracts.access;

import io.dbaas.contracts.Message;
import io.dbaas.contracts.MessageType;

/** A change to the credentials that open a cluster, reported by Orion. Consumers apply each event id at most once. */
public sealed interface AccessEvent extends Message permits ApiKeyRevoked {

    @Override
    default MessageType type() {
        return MessageType.EVENT;
    }
}
