package io.dbaas.nebula.kubernetes.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.contracts.event.ServiceAddress;
import io.dbaas.nebula.infrastructure.ClusterOperation;
import io.dbaas.nebula.kubernetes.metrics.ClusterState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class StatusTrackerTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private final StatusTracker tracker = new StatusTracker(Duration.ofMinutes(15));
    private final UUID clusterId = UUID.randomUUID();
    private final UUID provision = UUID.randomUUID();

    private static final ServiceAddress PLAIN = new ServiceAddress("http", "qdrant", 6333);
    private static final ServiceAddress OVER_TLS = new ServiceAddress("https", "qdrant", 6333);

    @Test
    void aReadyNewClusterIsCompletedOnceHoweverOftenItIsSeen() {
        assertThat(tracker.decide(ready(ClusterOperation.PROVISION, provision, null), null, NOW))
                .singleElement()
                .isInstanceOf(StatusChange.Completed.class);
        assertThat(tracker.decide(ready(ClusterOperation.PROVISION, provision, null), null, NOW))
                .isEmpty();
        assertThat(tracker.decide(ready(ClusterOperation.PROVISION, provision, provision), null, NOW))
                .isEmpty();
    }

    @Test
    void aRunningClusterWhosePodsNowServeTlsIsAnnouncedAgainOnceWithItsNewAddress() {
        assertThat(tracker.decide(answeringAt(PLAIN, "http://qdrant:6333"), null, NOW))
                .isEmpty();

        List<StatusChange> moved = tracker.decide(answeringAt(OVER_TLS, "http://qdrant:6333"), null, NOW);
        List<StatusChange> again = tracker.decide(answeringAt(OVER_TLS, "http://qdrant:6333"), null, NOW);

        assertThat(moved)
                .singleElement()
                .isInstanceOfSatisfying(StatusChange.Readdressed.class, readdressed -> assertThat(readdressed.address())
                        .isEqualTo("https://qdrant:6333"));
        assertThat(again).isEmpty();
    }

    @Test
    void aRunningClusterAnnouncedByAnEarlierNebulaIsAnnouncedOnceAtItsAddress() {
        assertThat(tracker.decide(answeringAt(PLAIN, null), null, NOW))
                .singleElement()
                .isInstanceOf(StatusChange.Readdressed.class);
        assertThat(tracker.decide(answeringAt(PLAIN, null), null, NOW)).isEmpty();
    }

    @Test
    void aNewAddressWhoseAnnouncementFailedIsDecidedAgain() {
        tracker.decide(answeringAt(OVER_TLS, "http://qdrant:6333"), null, NOW);

        tracker.addressNotAnnounced(clusterId);

        assertThat(tracker.decide(answeringAt(OVER_TLS, "http://qdrant:6333"), null, NOW))
                .singleElement()
                .isInstanceOf(StatusChange.Readdressed.class);
    }

    @Test
    void aCrashLoopingPodOfARunningClusterDegradesItOnceAndAllReadyRecoversIt() {
        List<String> crash = List.of("Pod qdrant-1, container qdrant: CrashLoopBackOff (restarted 3 times)");

        List<StatusChange> first = tracker.decide(notReady(provision, provision, crash), null, NOW);
        List<StatusChange> again = tracker.decide(notReady(provision, provision, crash), null, NOW);
        List<StatusChange> back = tracker.decide(ready(ClusterOperation.PROVISION, provision, provision), null, NOW);

        assertThat(first).singleElement().isInstanceOfSatisfying(StatusChange.Degraded.class, degraded -> assertThat(
                        degraded.reason())
                .isEqualTo(crash.getFirst()));
        assertThat(again).isEmpty();
        assertThat(back).singleElement().isInstanceOf(StatusChange.Recovered.class);
    }

    @Test
    void aNewReasonIsANewDegradation() {
        tracker.decide(
                notReady(provision, provision, List.of("Pod qdrant-1 cannot be scheduled: 0/3 nodes")), null, NOW);

        assertThat(tracker.decide(
                        notReady(provision, provision, List.of("Pod qdrant-2 cannot be scheduled")), null, NOW))
                .singleElement()
                .isInstanceOf(StatusChange.Degraded.class);
    }

    @Test
    void fewerReadyNodesOutsideAChangeDegradeButNotDuringOne() {
        UUID scale = UUID.randomUUID();

        assertThat(tracker.decide(notReady(provision, provision, List.of()), null, NOW))
                .singleElement()
                .isInstanceOfSatisfying(StatusChange.Degraded.class, degraded -> assertThat(degraded.reason())
                        .isEqualTo("2 of 3 nodes are ready."));
        StatusTracker fresh = new StatusTracker(Duration.ofMinutes(15));
        assertThat(fresh.decide(snapshot(ClusterOperation.UPDATE, scale, provision, false, List.of()), null, NOW))
                .isEmpty();
    }

    @Test
    void aNewClusterWithProblemsStaysProvisioningForTheGracePeriodThenFailsOnce() {
        List<String> unschedulable = List.of("Pod qdrant-0 cannot be scheduled: 0/3 nodes are available");

        List<StatusChange> early = tracker.decide(notReady(provision, null, unschedulable), null, NOW);
        List<StatusChange> late =
                tracker.decide(notReady(provision, null, unschedulable), null, NOW.plus(Duration.ofMinutes(15)));
        List<StatusChange> later =
                tracker.decide(notReady(provision, null, unschedulable), null, NOW.plus(Duration.ofMinutes(20)));

        assertThat(early).singleElement().isInstanceOfSatisfying(StatusChange.RecheckAt.class, recheck -> assertThat(
                        recheck.at())
                .isEqualTo(NOW.plus(Duration.ofMinutes(15))));
        assertThat(late).singleElement().isInstanceOfSatisfying(StatusChange.Failed.class, failed -> assertThat(
                        failed.reason())
                .isEqualTo("The cluster did not become ready within 15m: " + unschedulable.getFirst()));
        assertThat(later).isEmpty();
    }

    @Test
    void aMissingMasterKeyDegradesAReadyClusterUntilItIsBack() {
        String gone = "Secret dbaas-x/qdrant-master-key, which holds the cluster's master key, is gone.";

        assertThat(tracker.decide(ready(ClusterOperation.PROVISION, provision, provision), gone, NOW))
                .singleElement()
                .isInstanceOfSatisfying(StatusChange.Degraded.class, degraded -> assertThat(degraded.reason())
                        .isEqualTo(gone));
        assertThat(tracker.decide(ready(ClusterOperation.PROVISION, provision, provision), null, NOW))
                .singleElement()
                .isInstanceOf(StatusChange.Recovered.class);
    }

    @Test
    void aCompletedChangeIsAnnouncedOnceForItsOwnCommand() {
        UUID upgrade = UUID.randomUUID();

        assertThat(tracker.decide(ready(ClusterOperation.UPDATE, upgrade, provision), null, NOW))
                .singleElement()
                .isInstanceOfSatisfying(
                        StatusChange.Completed.class,
                        completed -> assertThat(completed.cluster().commandId()).isEqualTo(upgrade));
        assertThat(tracker.decide(ready(ClusterOperation.UPDATE, upgrade, provision), null, NOW))
                .isEmpty();
    }

    @Test
    void aRestartedNebulaDoesNotRepeatADegradationItRecordedWhileTheReasonIsTheSame() {
        List<String> crash = List.of("Pod qdrant-1, container qdrant: CrashLoopBackOff (restarted 3 times)");
        StatusChange.Degraded before = (StatusChange.Degraded)
                tracker.decide(notReady(provision, provision, crash), null, NOW).getFirst();

        StatusTracker restarted = new StatusTracker(Duration.ofMinutes(15));

        assertThat(restarted.decide(recorded(notReady(provision, provision, crash), before.condition()), null, NOW))
                .isEmpty();
    }

    @Test
    void aRestartedNebulaAnnouncesARecoveryThatHappenedWhileItWasDownWithTheIdTheOldOneWouldHaveUsed() {
        List<String> crash = List.of("Pod qdrant-1, container qdrant: CrashLoopBackOff (restarted 3 times)");
        StatusChange.Degraded degraded = (StatusChange.Degraded)
                tracker.decide(notReady(provision, provision, crash), null, NOW).getFirst();
        StatusChange.Recovered wouldHave = (StatusChange.Recovered)
                tracker.decide(ready(ClusterOperation.PROVISION, provision, provision), null, NOW)
                        .getFirst();

        StatusTracker restarted = new StatusTracker(Duration.ofMinutes(15));
        List<StatusChange> afterRestart = restarted.decide(
                recorded(ready(ClusterOperation.PROVISION, provision, provision), degraded.condition()), null, NOW);

        assertThat(afterRestart)
                .singleElement()
                .isInstanceOfSatisfying(StatusChange.Recovered.class, recovered -> assertThat(
                                recovered.condition().eventId())
                        .isEqualTo(wouldHave.condition().eventId()));
    }

    @Test
    void aDegradationAnnouncedButNotRecordedBeforeARestartGetsTheSameIdAgain() {
        List<String> crash = List.of("Pod qdrant-1 cannot be scheduled: 0/3 nodes are available");
        StatusChange.Degraded first = (StatusChange.Degraded)
                tracker.decide(notReady(provision, provision, crash), null, NOW).getFirst();

        StatusTracker restarted = new StatusTracker(Duration.ofMinutes(15));
        StatusChange.Degraded again = (StatusChange.Degraded) restarted
                .decide(notReady(provision, provision, crash), null, NOW)
                .getFirst();

        assertThat(again.condition().eventId()).isEqualTo(first.condition().eventId());
    }

    @Test
    void aFailedPublicationIsDecidedAgainWithTheSameId() {
        List<String> crash = List.of("Pod qdrant-1 cannot be scheduled: 0/3 nodes are available");
        StatusChange.Degraded first = (StatusChange.Degraded)
                tracker.decide(notReady(provision, provision, crash), null, NOW).getFirst();

        tracker.conditionNotAnnounced(clusterId, first.condition());

        assertThat(tracker.decide(notReady(provision, provision, crash), null, NOW))
                .singleElement()
                .isInstanceOfSatisfying(StatusChange.Degraded.class, degraded -> assertThat(
                                degraded.condition().eventId())
                        .isEqualTo(first.condition().eventId()));
    }

    @Test
    void theSameReasonAfterARecoveryIsANewDegradationWithANewId() {
        List<String> crash = List.of("Pod qdrant-1 cannot be scheduled: 0/3 nodes are available");
        StatusChange.Degraded first = (StatusChange.Degraded)
                tracker.decide(notReady(provision, provision, crash), null, NOW).getFirst();
        StatusChange.Recovered recovered = (StatusChange.Recovered)
                tracker.decide(ready(ClusterOperation.PROVISION, provision, provision), null, NOW)
                        .getFirst();
        StatusChange.Degraded second = (StatusChange.Degraded)
                tracker.decide(notReady(provision, provision, crash), null, NOW).getFirst();

        assertThat(List.of(
                        first.condition().eventId(),
                        recovered.condition().eventId(),
                        second.condition().eventId()))
                .doesNotHaveDuplicates();
    }

    @Test
    void aNewClusterIsProvisioningUntilReadyThenRunning() {
        ClusterSnapshot starting = notReady(provision, null, List.of());
        tracker.decide(starting, null, NOW);
        assertThat(tracker.stateOf(starting)).isEqualTo(ClusterState.PROVISIONING);

        ClusterSnapshot ready = ready(ClusterOperation.PROVISION, provision, null);
        tracker.decide(ready, null, NOW);
        assertThat(tracker.stateOf(ready)).isEqualTo(ClusterState.RUNNING);
    }

    @Test
    void aNewClusterThatNeverGotReadyIsFailedOnceTheGracePeriodIsOver() {
        ClusterSnapshot stuck = notReady(provision, null, List.of("Pod qdrant-0 cannot be scheduled"));

        tracker.decide(stuck, null, NOW);
        assertThat(tracker.stateOf(stuck)).isEqualTo(ClusterState.PROVISIONING);
        tracker.decide(stuck, null, NOW.plus(Duration.ofMinutes(15)));
        assertThat(tracker.stateOf(stuck)).isEqualTo(ClusterState.FAILED);
    }

    @Test
    void aRunningClusterIsDegradedWhileTheDegradationLastsAndRunningAgainOnceRecovered() {
        ClusterSnapshot crashing = notReady(provision, provision, List.of("Pod qdrant-1: CrashLoopBackOff"));
        tracker.decide(crashing, null, NOW);
        assertThat(tracker.stateOf(crashing)).isEqualTo(ClusterState.DEGRADED);

        ClusterSnapshot recovered = ready(ClusterOperation.PROVISION, provision, provision);
        tracker.decide(recovered, null, NOW);
        assertThat(tracker.stateOf(recovered)).isEqualTo(ClusterState.RUNNING);
    }

    @Test
    void aRunningClusterInTheMiddleOfAChangeIsStillRunning() {
        ClusterSnapshot scaling = snapshot(ClusterOperation.UPDATE, UUID.randomUUID(), provision, false, List.of());

        tracker.decide(scaling, null, NOW);

        assertThat(tracker.stateOf(scaling)).isEqualTo(ClusterState.RUNNING);
    }

    @Test
    void theRecordOfAnAnnouncedConditionReadsBackAsWritten() {
        AnnouncedCondition degraded = AnnouncedCondition.degraded(clusterId, "2 of 3 nodes are ready.", null);
        AnnouncedCondition recovered = AnnouncedCondition.recovered(clusterId, degraded);

        assertThat(AnnouncedCondition.parse(degraded.annotation())).contains(degraded);
        assertThat(AnnouncedCondition.parse(recovered.annotation())).contains(recovered);
        assertThat(degraded.annotation()).doesNotContain("nodes");
        assertThat(AnnouncedCondition.parse("edited by hand")).isEmpty();
    }

    @Test
    void aClusterFromABackupIsRestoredOnceWhenReadyAndProvisionedOnlyOnceTheRestoreSucceeded() {
        assertThat(tracker.decide(restoring(RestoreStep.PENDING), null, NOW))
                .singleElement()
                .isInstanceOf(StatusChange.RestoreDue.class);
        assertThat(tracker.decide(restoring(RestoreStep.PENDING), null, NOW))
                .as("asked for once, while the Job runs")
                .isEmpty();

        assertThat(tracker.decide(restoring(RestoreStep.SUCCEEDED), null, NOW))
                .singleElement()
                .isInstanceOf(StatusChange.Completed.class);
    }

    @Test
    void aRestoreThatCouldNotStartIsAskedForAgainAndAFailedOneNeverCompletes() {
        tracker.decide(restoring(RestoreStep.PENDING), null, NOW);
        tracker.restoreNotStarted(clusterId, provision);

        assertThat(tracker.decide(restoring(RestoreStep.PENDING), null, NOW))
                .singleElement()
                .isInstanceOf(StatusChange.RestoreDue.class);
        assertThat(tracker.decide(restoring(RestoreStep.FAILED), null, NOW)).isEmpty();
        assertThat(tracker.stateOf(restoring(RestoreStep.FAILED))).isEqualTo(ClusterState.FAILED);
    }

    private ClusterSnapshot restoring(RestoreStep step) {
        ClusterSnapshot snapshot = ready(ClusterOperation.PROVISION, provision, null);
        return new ClusterSnapshot(
                snapshot.clusterId(),
                snapshot.namespace(),
                snapshot.operation(),
                snapshot.commandId(),
                snapshot.correlationId(),
                snapshot.traceId(),
                snapshot.traceparent(),
                snapshot.announcedCommand(),
                snapshot.version(),
                snapshot.wanted(),
                snapshot.ready(),
                snapshot.readyCluster(),
                snapshot.problems(),
                snapshot.announcedCondition(),
                snapshot.announcedAddress(),
                step);
    }

    private ClusterSnapshot recorded(ClusterSnapshot snapshot, AnnouncedCondition condition) {
        return new ClusterSnapshot(
                snapshot.clusterId(),
                snapshot.namespace(),
                snapshot.operation(),
                snapshot.commandId(),
                snapshot.correlationId(),
                snapshot.traceId(),
                snapshot.traceparent(),
                snapshot.announcedCommand(),
                snapshot.version(),
                snapshot.wanted(),
                snapshot.ready(),
                snapshot.readyCluster(),
                snapshot.problems(),
                condition,
                snapshot.announcedAddress());
    }

    private ClusterSnapshot ready(ClusterOperation operation, UUID command, @Nullable UUID announced) {
        return snapshot(operation, command, announced, true, List.of());
    }

    private ClusterSnapshot notReady(UUID command, @Nullable UUID announced, List<String> problems) {
        return snapshot(ClusterOperation.PROVISION, command, announced, false, problems);
    }

    private ClusterSnapshot snapshot(
            ClusterOperation operation, UUID command, @Nullable UUID announced, boolean ready, List<String> problems) {
        return snapshot(
                operation,
                command,
                announced,
                ready,
                problems,
                PLAIN,
                PLAIN.toUri().toString());
    }

    /** A running cluster answering at {@code address}, recorded as announced at {@code announcedAddress}. */
    private ClusterSnapshot answeringAt(ServiceAddress address, @Nullable String announcedAddress) {
        return snapshot(ClusterOperation.PROVISION, provision, provision, true, List.of(), address, announcedAddress);
    }

    private ClusterSnapshot snapshot(
            ClusterOperation operation,
            UUID command,
            @Nullable UUID announced,
            boolean ready,
            List<String> problems,
            ServiceAddress address,
            @Nullable String announcedAddress) {
        return new ClusterSnapshot(
                clusterId,
                "dbaas-" + clusterId,
                operation,
                command,
                UUID.randomUUID(),
                null,
                null,
                announced,
                "1.13.4",
                3,
                ready ? 3 : 2,
                ready
                        ? Optional.of(new ReadyCluster(
                                clusterId,
                                "dbaas-" + clusterId,
                                "x.example",
                                address,
                                3,
                                command,
                                UUID.randomUUID(),
                                null))
                        : Optional.empty(),
                problems,
                null,
                announcedAddress);
    }
}
