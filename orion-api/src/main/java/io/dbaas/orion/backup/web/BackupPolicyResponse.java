package io.dbaas.orion.backup.web;

import io.dbaas.orion.backup.BackupPolicy;

/** A cluster's backup policy: {@code interval} an ISO-8601 duration, {@code retention} the scheduled backups kept. */
record BackupPolicyResponse(boolean enabled, String interval, int retention) {

    static BackupPolicyResponse of(BackupPolicy policy) {
        return new BackupPolicyResponse(policy.enabled(), policy.interval().toString(), policy.retention());
    }
}
