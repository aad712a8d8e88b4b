package io.dbaas.nebula.backup;

import io.dbaas.nebula.kubernetes.region.RegionConnection;

/** What the end of a restore Job means for the new cluster it filled. */
interface RestoreOutcomes {

    void ended(RegionConnection connection, JobCause cause, JobOutcome outcome);
}
