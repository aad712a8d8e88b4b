package io.dbaas.nebula.kubernetes.status;

import java.time.Instant;

/** What the status tracker decided to announce, or to check again later. */
sealed interface StatusChange {

    /** The last command is carried out: {@code ClusterProvisioned} or {@code ClusterUpdated}. */
    record Completed(ClusterSnapshot cluster) implements StatusChange {}

    /**
     * A running cluster now answers at another address than the one last announced (its pods serve TLS now, or its
     * load balancer moved): {@code ClusterProvisioned} again, so that GateKeeper routes to where it answers.
     */
    record Readdressed(ClusterSnapshot cluster, String address) implements StatusChange {}

    /** Degraded for {@code reason}; {@code condition} gives the event its id and is recorded once announced. */
    record Degraded(ClusterSnapshot cluster, String reason, AnnouncedCondition condition) implements StatusChange {}

    record Recovered(ClusterSnapshot cluster, AnnouncedCondition condition) implements StatusChange {}

    /** A new cluster that never became ready within the grace period. */
    record Failed(ClusterSnapshot cluster, String reason) implements StatusChange {}

    /** Every node of a new cluster provisioned from a backup is ready: restore the backup before announcing it. */
    record RestoreDue(ClusterSnapshot cluster) implements StatusChange {}

    /** Nothing to announce yet; look again at {@code at}, when the grace period of a new cluster ends. */
    record RecheckAt(ClusterSnapshot cluster, Instant at) implements StatusChange {}
}
