package io.dbaas.nebula.infrastructure;

import java.util.List;

/**
 * What a backend sees of a cluster now.
 *
 * @param nodes the nodes the cluster is meant to have
 * @param nodesReady the nodes that are ready
 * @param version the engine version the cluster is meant to run (what its nodes run once a rollout is over)
 * @param runningVersions every engine version some node runs now; more than one during a rolling upgrade
 * @param disk the volume size each node is meant to have
 * @param problems sentences for a human, free of secrets, naming what keeps nodes from being ready; empty when none
 */
public record ObservedCluster(
        int nodes, int nodesReady, String version, List<String> runningVersions, String disk, List<String> problems) {

    public ObservedCluster {
        runningVersions = List.copyOf(runningVersions);
        problems = List.copyOf(problems);
    }
}
