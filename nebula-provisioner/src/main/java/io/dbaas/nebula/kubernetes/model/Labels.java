package io.dbaas.nebula.kubernetes.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** The labels Nebula puts on what it creates; its watches select on {@link #MANAGED_BY}. */
public final class Labels {

    public static final String NAME = "app.kubernetes.io/name";
    public static final String INSTANCE = "app.kubernetes.io/instance";
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String CLUSTER_ID = "dbaas.io/cluster-id";

    public static final String NEBULA = "nebula";

    private Labels() {}

    /** All labels of a cluster's objects, in a stable order so that rendered objects hash the same every time. */
    public static Map<String, String> of(String engine, UUID clusterId) {
        Map<String, String> labels = new LinkedHashMap<>(selector(engine, clusterId));
        labels.put(MANAGED_BY, NEBULA);
        labels.put(CLUSTER_ID, clusterId.toString());
        return labels;
    }

    /** The labels that select a cluster's pods; immutable on a StatefulSet, so they never change. */
    public static Map<String, String> selector(String engine, UUID clusterId) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(NAME, engine);
        labels.put(INSTANCE, clusterId.toString());
        return labels;
    }
}
