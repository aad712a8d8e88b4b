package io.dbaas.contracts.event;

/**
 * What happened to a cluster's backups, reported by Nebula. It never changes the cluster's state or routes: consumers
 * that follow clusters (GateKeeper, Orion's cluster status) pass these by, and Orion's backups follow them.
 */
public sealed interface BackupEvent extends ClusterEvent
        permits BackupCompleted, BackupFailed, BackupDeleted, BackupDeletionFailed, ClusterBackupsPurged {}
