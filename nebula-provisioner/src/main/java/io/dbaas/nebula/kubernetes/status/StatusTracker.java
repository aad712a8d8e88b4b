package io.dbaas.nebula.kubernetes.status;

import io.dbaas.nebula.infrastructure.ClusterOperation;
import io.dbaas.nebula.kubernetes.metrics.ClusterState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Decides, from successive snapshots of a cluster, which status events to publish, each once per condition:
 *
 * <ul>
 *   <li>every node ready at the shape the last command asked for → that command is complete (once per command);
 *   <li>a cluster that has run, with pods that crash-loop or cannot be scheduled, fewer ready nodes than it should
 *       have outside of a change, or a problem reported from outside (its master-key Secret is gone) → degraded, again
 *       only when the reason changes; back to every node ready → recovered;
 *   <li>a new cluster provisioned from a backup, every node ready → its restore is due (once per command); it is
 *       complete only once the restore succeeded, and a failed restore leaves it failed;
 *   <li>a new cluster whose pods crash or cannot be scheduled stays provisioning for the grace period and is then
 *       failed, once.
 * </ul>
 *
 * <p>What was announced is recorded on the StatefulSet (the last command announced complete, the last degradation or
 * recovery) and read back the first time a cluster is seen, so a restarted Nebula neither repeats a degradation that is
 * still there nor misses a recovery that happened while it was down. Degradations and recoveries get ids from
 * {@link AnnouncedCondition}: the same announcement made twice has the same id.
 */
final class StatusTracker {

    private final Duration gracePeriod;
    private final Map<UUID, State> states = new ConcurrentHashMap<>();

    StatusTracker(Duration gracePeriod) {
        this.gracePeriod = gracePeriod;
    }

    synchronized List<StatusChange> decide(ClusterSnapshot cluster, @Nullable String externalProblem, Instant now) {
        State state = states.computeIfAbsent(cluster.clusterId(), id -> new State());
        if (state.conditionUnknown) {
            state.condition = cluster.announcedCondition();
            state.conditionUnknown = false;
        }
        if (state.addressUnknown) {
            state.address = cluster.announcedAddress();
            state.addressUnknown = false;
        }
        List<StatusChange> changes = new ArrayList<>();
        if (cluster.settled() && externalProblem == null && cluster.awaitsRestore()) {
            state.problemSince = null;
            if (cluster.restore() == RestoreStep.FAILED) {
                state.failed = cluster.commandId();
            } else if (!cluster.commandId().equals(state.restoreRequested)) {
                state.restoreRequested = cluster.commandId();
                changes.add(new StatusChange.RestoreDue(cluster));
            }
            return changes;
        }
        if (cluster.settled() && externalProblem == null) {
            if (cluster.inOperation() && !cluster.commandId().equals(state.completed)) {
                changes.add(new StatusChange.Completed(cluster));
                state.completed = cluster.commandId();
                if (cluster.operation() == ClusterOperation.PROVISION) {
                    state.address = cluster.address().orElse(null);
                }
            } else if (!cluster.inOperation()) {
                readdressed(cluster, state).ifPresent(changes::add);
            }
            if (state.condition != null && state.condition.degraded()) {
                state.condition = AnnouncedCondition.recovered(cluster.clusterId(), state.condition);
                changes.add(new StatusChange.Recovered(cluster, state.condition));
            }
            state.problemSince = null;
            return changes;
        }
        List<String> problems = new ArrayList<>(cluster.problems());
        if (externalProblem != null) {
            problems.add(externalProblem);
        }
        boolean running = cluster.everRan() || cluster.commandId().equals(state.completed);
        if (!running && cluster.operation() == ClusterOperation.PROVISION) {
            return provisioning(cluster, problems, state, now);
        }
        String reason = problems.isEmpty() ? shortOfNodes(cluster) : String.join("; ", problems);
        if (reason != null && (state.condition == null || !state.condition.isDegradation(reason))) {
            state.condition = AnnouncedCondition.degraded(cluster.clusterId(), reason, state.condition);
            changes.add(new StatusChange.Degraded(cluster, reason, state.condition));
        }
        return changes;
    }

    /**
     * A running cluster that answers elsewhere than last announced, or whose announced address was never recorded (it
     * was announced by an earlier Nebula), is announced again, once per address.
     */
    private static Optional<StatusChange> readdressed(ClusterSnapshot cluster, State state) {
        Optional<String> address = cluster.address();
        if (address.isEmpty() || address.get().equals(state.address)) {
            return Optional.empty();
        }
        state.address = address.get();
        return Optional.of(new StatusChange.Readdressed(cluster, address.get()));
    }

    /** The announcement of a new address failed: take the recorded one from the StatefulSet again on the next look. */
    synchronized void addressNotAnnounced(UUID clusterId) {
        State state = states.get(clusterId);
        if (state != null) {
            state.addressUnknown = true;
        }
    }

    /** The restore could not be started: decide it again on the next look. */
    synchronized void restoreNotStarted(UUID clusterId, UUID commandId) {
        State state = states.get(clusterId);
        if (state != null && commandId.equals(state.restoreRequested)) {
            state.restoreRequested = null;
        }
    }

    /** The announcement of a completion failed: decide it again on the next look. */
    synchronized void completionNotAnnounced(UUID clusterId, UUID commandId) {
        State state = states.get(clusterId);
        if (state != null && commandId.equals(state.completed)) {
            state.completed = null;
        }
    }

    /**
     * The announcement of a degradation or recovery failed: take what was announced from the StatefulSet again on the
     * next look, which decides the same announcement, with the same id, if the condition is still there.
     */
    synchronized void conditionNotAnnounced(UUID clusterId, AnnouncedCondition condition) {
        State state = states.get(clusterId);
        if (state != null && condition.equals(state.condition)) {
            state.conditionUnknown = true;
        }
    }

    /**
     * Where the cluster stands after the last {@link #decide}: degraded while a degradation is announced, running once
     * it has run, failed once its provisioning was announced failed, provisioning before that.
     */
    synchronized ClusterState stateOf(ClusterSnapshot cluster) {
        State state = states.get(cluster.clusterId());
        if (state == null) {
            return ClusterState.PROVISIONING;
        }
        if (state.condition != null && state.condition.degraded()) {
            return ClusterState.DEGRADED;
        }
        if (cluster.everRan() || cluster.commandId().equals(state.completed)) {
            return ClusterState.RUNNING;
        }
        return cluster.commandId().equals(state.failed) ? ClusterState.FAILED : ClusterState.PROVISIONING;
    }

    /** Forgets a deleted cluster. */
    void forget(UUID clusterId) {
        states.remove(clusterId);
    }

    private List<StatusChange> provisioning(ClusterSnapshot cluster, List<String> problems, State state, Instant now) {
        if (problems.isEmpty()) {
            state.problemSince = null;
            return List.of();
        }
        if (state.problemSince == null) {
            state.problemSince = now;
        }
        Instant deadline = state.problemSince.plus(gracePeriod);
        if (now.isBefore(deadline)) {
            return List.of(new StatusChange.RecheckAt(cluster, deadline));
        }
        if (Objects.equals(state.failed, cluster.commandId())) {
            return List.of();
        }
        state.failed = cluster.commandId();
        return List.of(new StatusChange.Failed(
                cluster,
                "The cluster did not become ready within " + describe(gracePeriod) + ": "
                        + String.join("; ", problems)));
    }

    /** Fewer ready nodes than wanted is a degradation only outside of a change: a rollout takes nodes down on purpose. */
    private static @Nullable String shortOfNodes(ClusterSnapshot cluster) {
        if (cluster.inOperation() || cluster.ready() >= cluster.wanted()) {
            return null;
        }
        return cluster.ready() + " of " + cluster.wanted() + " nodes are ready.";
    }

    private static String describe(Duration duration) {
        return duration.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
    }

    private static final class State {
        @Nullable
        UUID completed;

        /** Read from the StatefulSet on first sight, and again after an announcement failed. */
        boolean conditionUnknown = true;

        /** Read from the StatefulSet on first sight, and again after an announcement of an address failed. */
        boolean addressUnknown = true;

        /** Where the cluster was last announced to answer. */
        @Nullable
        String address;

        /** The last degradation or recovery announced. */
        @Nullable
        AnnouncedCondition condition;

        @Nullable
        Instant problemSince;

        @Nullable
        UUID failed;

        /** The command whose restore was asked for, once per command. */
        @Nullable
        UUID restoreRequested;
    }
}
