package io.dbaas.nebula.kubernetes.model;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;

/**
 * The objects every engine's model generates, whatever the engine: one namespace, one ConfigMap, a headless and a
 * client Service (an engine may add more), one PodDisruptionBudget, one NetworkPolicy and one StatefulSet. What
 * differs (the master-key Secret, further generated Secrets) the engine's blueprint passes to
 * {@link DesiredCluster#of}.
 */
public interface EngineCluster {

    Namespace generateNamespace();

    ConfigMap generateConfigMap();

    Service generateHeadlessService();

    Service generateClientService();

    /** Every Service of the cluster, in the order they are applied; an engine that needs more adds them here. */
    default List<Service> generateServices() {
        return List.of(generateHeadlessService(), generateClientService());
    }

    PodDisruptionBudget generatePodDisruptionBudget();

    NetworkPolicy generateNetworkPolicy();

    StatefulSet generateStatefulSet();
}
