package io.dbaas.nebula.kubernetes.model;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.Map;

/**
 * What a cluster's nodes need to found the cluster, and only then: created with {@code initial} only together with
 * the cluster (before it has any node), replaced by {@code formedData} once one of its nodes has been ready, and never
 * filled again, so that a node that lost its data, or one added later, joins the cluster instead of founding another.
 *
 * @param initial the ConfigMap as the cluster's first nodes read it
 * @param formedData its data once the cluster has formed
 */
public record BootstrapConfigMap(ConfigMap initial, Map<String, String> formedData) {

    public BootstrapConfigMap {
        formedData = Map.copyOf(formedData);
    }

    public String name() {
        return initial.getMetadata().getName();
    }

    /** The ConfigMap once the cluster has formed. */
    public ConfigMap formed() {
        return new ConfigMapBuilder(initial).withData(formedData).build();
    }

    /** Whether {@code live} still holds what only founding nodes may read. */
    public boolean stillFounding(ConfigMap live) {
        return !formedData.equals(live.getData() == null ? Map.of() : live.getData());
    }
}
