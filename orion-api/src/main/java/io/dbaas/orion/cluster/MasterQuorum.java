package io.dbaas.orion.cluster;

import io.dbaas.contracts.Engine;
import io.dbaas.orion.shared.FieldViolation;
import java.util.List;

/**
 * Elasticsearch elects its master by a majority of the master-eligible nodes, and every node Nebula runs is one. Two
 * nodes have no majority without both, so losing either stops the cluster: no safer than one node, at twice the cost.
 * Qdrant is not judged here.
 *
 * @see <a href="https://www.elastic.co/guide/en/elasticsearch/reference/current/high-availability-cluster-small-clusters.html">Elastic:
 *     resilience in small clusters</a>
 */
final class MasterQuorum {

    private MasterQuorum() {}

    /** Records a violation of {@code nodes} when the engine cannot lose a node of so many. */
    static void check(Engine engine, int nodes, List<FieldViolation> violations) {
        if (engine == Engine.ELASTICSEARCH && nodes == 2) {
            violations.add(new FieldViolation(
                    "nodes",
                    "an Elasticsearch cluster of 2 nodes stops when either is lost (its master is elected by a"
                            + " majority of 2 master-eligible nodes, that is both): ask for 3 or more nodes, or 1"
                            + " knowing that it is not highly available"));
        }
    }
}
