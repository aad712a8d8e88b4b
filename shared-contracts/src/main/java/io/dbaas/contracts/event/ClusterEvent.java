package io.dbaas.contracts.event;

import io.dbaas.contracts.Message;
import io.dbaas.contracts.MessageType;

/** Something that happened to a cluster, reported by Nebula. Consumers apply each event id at most once. */
public sealed interface ClusterEvent extends Message
        permits ClusterProvisioningStarted,
                ClusterProvisioned,
                ClusterFailed,
                ClusterUpdated,
                ClusterChangeFailed,
                ClusterDegraded,
                ClusterRecovered,
                ClusterDeletionStarted,
                ClusterDeleted,
                ClusterCommandDeferred,
                BackupEvent {

    @Override
    default MessageType type() {
        return MessageType.EVENT;
    }
}
