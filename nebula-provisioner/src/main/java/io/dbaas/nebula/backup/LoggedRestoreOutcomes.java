package io.dbaas.nebula.backup;

import io.dbaas.nebula.kubernetes.region.RegionConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Restores on provision are not started by this Nebula yet: a restore Job found is only logged. */
@Component
class LoggedRestoreOutcomes implements RestoreOutcomes {

    private static final Logger log = LoggerFactory.getLogger(LoggedRestoreOutcomes.class);

    @Override
    public void ended(RegionConnection connection, JobCause cause, JobOutcome outcome) {
        log.warn("Restore Job of backup {} into cluster {} ended: {}", cause.backupId(), cause.clusterId(), outcome);
    }
}
