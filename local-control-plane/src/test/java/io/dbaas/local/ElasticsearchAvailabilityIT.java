package io.dbaas.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dbaas.testsupport.elasticsearch.ElasticsearchDistributions;
import io.dbaas.testsupport.elasticsearch.StatefulSetStandIn;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The requirement the product was asked for in so many words: an Elasticsearch cluster that stays available during
 * hardware failures and routine Kubernetes maintenance. Three real nodes serve a customer's application that writes
 * and searches through GateKeeper without a pause while (a) a node fails hard and comes back, then (b) every node is
 * drained in turn, as {@code kubectl drain} does it (the eviction API against the disruption budget). Not one search
 * may fail and not one acknowledged write may be lost.
 */
@ExtendWith({SharedControlPlane.class, ServiceLogsOnFailure.class})
class ElasticsearchAvailabilityIT {

    private static final Duration PATIENCE = Duration.ofMinutes(5);

    private final ControlPlaneUnderTest controlPlane;

    ElasticsearchAvailabilityIT(ControlPlaneUnderTest controlPlane) {
        this.controlPlane = controlPlane;
    }

    @Test
    void noSearchFailsAndNoAcknowledgedWriteIsLostThroughANodeFailureAndADrainOfEveryNode() {
        assumeTrue(StatefulSetStandIn.supported(), "Real Elasticsearch nodes need root (mounts, a non-root node user)");
        assumeTrue(ElasticsearchDistributions.available("9.5.4"), "the build provides Elasticsearch 9.5.4");
        try (RealElasticsearchCluster cluster = RealElasticsearchCluster.claim(controlPlane, "available", "9.5.4", 3)) {
            StatefulSetStandIn pods = cluster.pods();

            Workload failure = Workload.start(controlPlane.gatekeeper(), cluster, "through-a-failure");
            pods.kill(1, Duration.ofSeconds(20));
            pods.await("the failed node to be back", PATIENCE, () -> !pods.ready(1));
            pods.awaitAllReady(PATIENCE);
            failure.close();
            report("(a) node failure", failure);

            Workload maintenance = Workload.start(controlPlane.gatekeeper(), cluster, "through-maintenance");
            for (int ordinal = 2; ordinal >= 0; ordinal--) {
                int drained = ordinal;
                pods.await(
                        "the disruption budget to allow evicting pod " + drained, PATIENCE, () -> pods.evict(drained));
            }
            pods.awaitAllReady(PATIENCE);
            maintenance.close();
            report("(b) every node drained in turn", maintenance);

            for (Workload workload : new Workload[] {failure, maintenance}) {
                assertThat(workload.searches().failures())
                        .as("failed searches; the last: %s", workload.searches().lastFailure())
                        .isZero();
                assertThat(workload.lostWrites()).as("acknowledged writes lost").isEmpty();
                assertThat(workload.acknowledgedWrites()).isPositive();
            }
        }
    }

    private static void report(String phase, Workload workload) {
        Workload.record("Elasticsearch 9.5.4, 3 nodes, through GateKeeper, " + phase + ": writes: "
                + workload.writes() + " (last failure: " + workload.writes().lastFailure() + "); searches: "
                + workload.searches() + " (last failure: " + workload.searches().lastFailure()
                + "); acknowledged writes: " + workload.acknowledgedWrites());
    }
}
