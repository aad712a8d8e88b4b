package io.dbaas.contracts.command;

import io.dbaas.contracts.Message;
import io.dbaas.contracts.MessageType;

/** A request for Nebula to change a cluster. Once accepted by Orion, a command is never lost nor dropped. */
public sealed interface ClusterCommand extends Message permits ClusterSpecCommand, DeleteDBCluster, BackupCommand {

    @Override
    default MessageType type() {
        return MessageType.COMMAND;
    }
}
