package io.dbaas.orion.cluster;

import java.util.List;

/**
 * Something a client should know about a cluster Orion accepted: a stable {@code code} to act on and a sentence for
 * people. Shown with the cluster; never a refusal.
 */
public record Warning(String code, String detail) {

    private static final Warning NOT_HIGHLY_AVAILABLE = new Warning(
            "not-highly-available",
            "A single node is not highly available: the cluster stops serving while that node restarts, is upgraded or"
                    + " resized, or when it fails. Run 3 or more nodes for a cluster that can keep serving when one is"
                    + " lost.");

    /** What a cluster of {@code nodes} nodes warrants, whatever its engine. */
    public static List<Warning> forNodes(int nodes) {
        return nodes == 1 ? List.of(NOT_HIGHLY_AVAILABLE) : List.of();
    }
}
