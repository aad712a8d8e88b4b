package io.dbaas.nebula.kubernetes.status;

import io.dbaas.nebula.kubernetes.model.Annotations;
import java.util.Map;

/**
 * Where a new cluster provisioned from a backup stands with its restore, as its StatefulSet's annotations record it:
 * its provisioning completes only once the restore succeeded.
 */
enum RestoreStep {
    /** The cluster starts empty: nothing to restore. */
    NONE,
    /** The backup is to be restored once every node is ready, or is being restored. */
    PENDING,
    SUCCEEDED,
    /** The restore failed, and the cluster was announced failed. */
    FAILED;

    static RestoreStep of(Map<String, String> annotations) {
        if (!annotations.containsKey(Annotations.RESTORE_FROM)) {
            return NONE;
        }
        String outcome = annotations.get(Annotations.RESTORE_OUTCOME);
        if (Annotations.RESTORE_SUCCEEDED.equals(outcome)) {
            return SUCCEEDED;
        }
        return Annotations.RESTORE_FAILED.equals(outcome) ? FAILED : PENDING;
    }
}
