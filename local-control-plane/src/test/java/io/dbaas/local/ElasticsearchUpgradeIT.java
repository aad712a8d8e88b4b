package io.dbaas.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dbaas.testsupport.elasticsearch.ElasticsearchDistributions;
import io.dbaas.testsupport.elasticsearch.StatefulSetStandIn;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * Both versions the catalog offers, on real nodes: a cluster claimed at 8.19.21 is upgraded to 9.5.4 through Orion,
 * the path Elastic supports, one node at a time while its application keeps writing and searching through GateKeeper.
 */
@ExtendWith({SharedControlPlane.class, ServiceLogsOnFailure.class})
class ElasticsearchUpgradeIT {

    private static final Duration PATIENCE = Duration.ofMinutes(8);

    private final ControlPlaneUnderTest controlPlane;

    ElasticsearchUpgradeIT(ControlPlaneUnderTest controlPlane) {
        this.controlPlane = controlPlane;
    }

    @Test
    void aClusterUpgradedFrom819To95RollsOneNodeAtATimeWithoutAFailedSearch() {
        assumeTrue(StatefulSetStandIn.supported(), "Real Elasticsearch nodes need root (mounts, a non-root node user)");
        assumeTrue(
                ElasticsearchDistributions.available("8.19.21") && ElasticsearchDistributions.available("9.5.4"),
                "the build provides Elasticsearch 8.19.21 and 9.5.4");
        Orion orion = controlPlane.orion();
        GateKeeper gatekeeper = controlPlane.gatekeeper();
        try (RealElasticsearchCluster cluster =
                RealElasticsearchCluster.claim(controlPlane, "upgraded", "8.19.21", 3)) {
            assertThat(version(gatekeeper, cluster)).isEqualTo("8.19.21");
            Workload workload = Workload.start(gatekeeper, cluster, "through-an-upgrade");

            HttpResponse<String> upgrade = orion.patch("/v1/clusters/" + cluster.id(), "{\"version\": \"9.5.4\"}");
            assertThat(upgrade.statusCode()).as(upgrade.body()).isEqualTo(202);
            JsonNode upgraded = await().atMost(PATIENCE)
                    .pollInterval(Duration.ofSeconds(1))
                    .until(
                            () -> orion.cluster(cluster.id()),
                            found -> "RUNNING".equals(found.get("state").asString())
                                    && "9.5.4".equals(found.get("version").asString()));
            workload.close();
            Workload.record("Elasticsearch 8.19.21 → 9.5.4, 3 nodes, through GateKeeper, (c) rolling upgrade: writes: "
                    + workload.writes() + "; searches: " + workload.searches() + " (last failure: "
                    + workload.searches().lastFailure() + "); acknowledged writes: " + workload.acknowledgedWrites());

            assertThat(upgraded.get("nodes_ready").asInt()).isEqualTo(3);
            assertThat(version(gatekeeper, cluster)).isEqualTo("9.5.4");
            assertThat(workload.searches().failures())
                    .as("failed searches; the last: %s", workload.searches().lastFailure())
                    .isZero();
            assertThat(workload.lostWrites()).as("acknowledged writes lost").isEmpty();
        }
    }

    /** The version every node runs, as the cluster itself reports it; fails if the nodes disagree. */
    private static String version(GateKeeper gatekeeper, RealElasticsearchCluster cluster) {
        HttpResponse<String> nodes =
                gatekeeper.get(cluster.endpoint(), "/_nodes?filter_path=nodes.*.version", cluster.readWrite());
        assertThat(nodes.statusCode()).as(nodes.body()).isEqualTo(200);
        Set<String> versions = new HashSet<>();
        Http.json(nodes)
                .get("nodes")
                .values()
                .forEach(node -> versions.add(node.get("version").asString()));
        assertThat(versions).hasSize(1);
        return versions.iterator().next();
    }
}
