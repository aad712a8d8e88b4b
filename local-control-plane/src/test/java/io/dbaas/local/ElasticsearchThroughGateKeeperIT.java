package io.dbaas.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dbaas.testsupport.elasticsearch.ElasticsearchDistributions;
import io.dbaas.testsupport.elasticsearch.StatefulSetStandIn;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An Elasticsearch cluster claimed from Orion, provisioned by Nebula and served by three real Elasticsearch nodes
 * running the pods Nebula rendered ({@link StatefulSetStandIn} plays the StatefulSet controller, the kubelets and the
 * load balancer), reached the way a customer reaches it: HTTPS from GateKeeper, which trusts only the cluster's CA and
 * injects the cluster's credential, with the customer's {@code dbk_} keys.
 */
@ExtendWith({SharedControlPlane.class, ServiceLogsOnFailure.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ElasticsearchThroughGateKeeperIT {

    private final ControlPlaneUnderTest controlPlane;
    private final Orion orion;
    private final GateKeeper gatekeeper;
    private RealElasticsearchCluster cluster;

    ElasticsearchThroughGateKeeperIT(ControlPlaneUnderTest controlPlane) {
        this.controlPlane = controlPlane;
        this.orion = controlPlane.orion();
        this.gatekeeper = controlPlane.gatekeeper();
    }

    @BeforeAll
    void claimAThreeNodeCluster() {
        assumeTrue(StatefulSetStandIn.supported(), "Real Elasticsearch nodes need root (mounts, a non-root node user)");
        assumeTrue(ElasticsearchDistributions.available("9.5.4"), "the build provides Elasticsearch 9.5.4");
        cluster = RealElasticsearchCluster.claim(controlPlane, "search", "9.5.4", 3);
    }

    @AfterAll
    void stopTheNodes() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aClaimedClusterIsGreenThroughGateKeeperAndIndexesAndSearchesWithAReadWriteKey() {
        HttpResponse<String> health = gatekeeper.get(cluster.endpoint(), "/_cluster/health", cluster.readWrite());
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        assertThat(Http.json(health).get("status").asString()).isEqualTo("green");
        assertThat(Http.json(health).get("number_of_nodes").asInt()).isEqualTo(3);

        HttpResponse<String> indexed = gatekeeper.send(
                cluster.endpoint(),
                "PUT",
                "/books/_doc/dune?refresh=true",
                cluster.readWrite(),
                "{\"title\": \"Dune\", \"author\": \"Frank Herbert\"}");
        assertThat(indexed.statusCode()).as(indexed.body()).isEqualTo(201);

        HttpResponse<String> found =
                gatekeeper.get(cluster.endpoint(), "/books/_search?q=title:dune", cluster.readWrite());
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        assertThat(Http.json(found).at("/hits/total/value").asInt()).isEqualTo(1);
        assertThat(Http.json(found).at("/hits/hits/0/_source/author").asString())
                .isEqualTo("Frank Herbert");
    }

    @Test
    void aReadOnlyKeyReadsButIsRefusedOnWritesByGateKeeper() {
        gatekeeper.send(cluster.endpoint(), "PUT", "/shelves/_doc/1?refresh=true", cluster.readWrite(), "{\"n\": 1}");

        HttpResponse<String> read = gatekeeper.get(cluster.endpoint(), "/shelves/_search", cluster.readOnly());
        HttpResponse<String> write = gatekeeper.send(
                cluster.endpoint(), "PUT", "/shelves/_doc/2?refresh=true", cluster.readOnly(), "{\"n\": 2}");

        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        assertThat(Http.json(read).at("/hits/total/value").asInt()).isEqualTo(1);
        assertThat(write.statusCode()).isEqualTo(403);
        assertThat(Http.problemType(write)).isEqualTo("urn:dbaas:problem:read-only-credential");
        HttpResponse<String> count = gatekeeper.get(cluster.endpoint(), "/shelves/_count", cluster.readWrite());
        assertThat(Http.json(count).get("count").asInt()).isEqualTo(1);
    }
}
