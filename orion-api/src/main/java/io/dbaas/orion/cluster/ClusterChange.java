package io.dbaas.orion.cluster;

import org.jspecify.annotations.Nullable;

/**
 * A change of a cluster as the client wrote it (JSON merge patch): each field present asks for a new value, each absent
 * (or {@code null}) keeps the current one. Nothing is checked until {@link ChangeValidator} says so.
 */
public record ClusterChange(
        @Nullable Integer nodes,
        @Nullable String cpu,
        @Nullable String memory,
        @Nullable String disk,
        @Nullable String version) {

    boolean asksForSize() {
        return nodes != null || cpu != null || memory != null || disk != null;
    }
}
