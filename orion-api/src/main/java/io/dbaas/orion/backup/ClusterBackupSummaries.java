package io.dbaas.orion.backup;

import io.dbaas.orion.cluster.BackupSummaries;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The cluster's policy and newest backup, for the cluster's answer. */
@Component
class ClusterBackupSummaries implements BackupSummaries {

    private final BackupPolicies policies;
    private final Backups backups;

    ClusterBackupSummaries(BackupPolicies policies, Backups backups) {
        this.policies = policies;
        this.backups = backups;
    }

    @Override
    @Transactional(readOnly = true)
    public BackupSummary of(UUID clusterId) {
        BackupPolicy policy = policies.of(clusterId);
        return new BackupSummary(
                policy.enabled(),
                policy.interval(),
                policy.retention(),
                backups.newestOf(clusterId)
                        .map(last ->
                                new LastBackup(last.id(), last.state().wireName(), last.reason(), last.finishedAt())));
    }
}
