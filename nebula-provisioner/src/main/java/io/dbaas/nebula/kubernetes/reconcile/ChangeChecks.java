package io.dbaas.nebula.kubernetes.reconcile;

import io.dbaas.nebula.infrastructure.ChangeRefusedException;
import io.dbaas.nebula.infrastructure.DBClusterSpecs;
import io.dbaas.nebula.infrastructure.ReleaseVersion;
import io.dbaas.nebula.kubernetes.apply.Appliers;
import io.dbaas.nebula.kubernetes.apply.StatefulSetApplier;
import io.dbaas.nebula.kubernetes.blueprint.EngineBlueprint;
import io.dbaas.nebula.kubernetes.model.Annotations;
import io.dbaas.nebula.kubernetes.model.DesiredCluster;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.Map;
import java.util.Optional;

/**
 * Decides, before anything is changed, whether a change of an existing cluster may be made: the cluster exists, it
 * does not lose nodes its engine cannot give up safely, it does not go back to an older version, and its volumes
 * neither shrink nor grow on a storage class that cannot grow them. A refusal leaves the cluster untouched.
 */
public final class ChangeChecks {

    private ChangeChecks() {}

    public static void check(
            Appliers appliers, DesiredCluster cluster, DBClusterSpecs specs, EngineBlueprint blueprint) {
        StatefulSet desired = cluster.statefulSets().getFirst();
        StatefulSet live = appliers.statefulSets().current(desired);
        if (live == null) {
            throw new ChangeRefusedException("Cluster %s has no nodes in %s/%s, so there is nothing to change."
                    .formatted(specs.clusterId(), specs.provider(), specs.region()));
        }
        int nodes = replicas(live);
        if (specs.nodes() < nodes) {
            Optional<String> refusal = blueprint.refuseScaleIn(nodes, specs.nodes());
            if (refusal.isPresent()) {
                throw new ChangeRefusedException(refusal.get());
            }
        }
        String running = annotations(live).get(Annotations.CLUSTER_VERSION);
        if (running != null && ReleaseVersion.isNewer(running, specs.version())) {
            throw new ChangeRefusedException(
                    "The cluster runs %s %s; going back to %s is a downgrade, which Nebula refuses: an engine cannot be trusted to read data a newer version wrote. Restore a snapshot into a new cluster of %s instead."
                            .formatted(blueprint.engine().id(), running, specs.version(), specs.version()));
        }
        checkVolumes(appliers, desired, live);
    }

    private static void checkVolumes(Appliers appliers, StatefulSet desired, StatefulSet live) {
        Map<String, Quantity> liveSizes = StatefulSetApplier.claimSizes(live);
        for (var wanted : StatefulSetApplier.claimSizes(desired).entrySet()) {
            Quantity current = liveSizes.get(wanted.getKey());
            if (current == null) {
                continue;
            }
            int comparison = wanted.getValue().getNumericalAmount().compareTo(current.getNumericalAmount());
            if (comparison < 0) {
                throw new ChangeRefusedException(
                        "Volumes cannot shrink: each node has %s of disk and %s was asked for. Ask for %s or more."
                                .formatted(current, wanted.getValue(), current));
            }
            if (comparison > 0) {
                String storageClass = desired.getSpec().getVolumeClaimTemplates().stream()
                        .filter(template -> template.getMetadata().getName().equals(wanted.getKey()))
                        .map(template -> template.getSpec().getStorageClassName())
                        .findFirst()
                        .orElse(null);
                if (!appliers.volumes().allowsExpansion(storageClass).orElse(false)) {
                    throw new ChangeRefusedException(
                            "The disk of each node cannot grow from %s to %s: storage class %s does not allow volume expansion. The cluster is unchanged."
                                    .formatted(
                                            current,
                                            wanted.getValue(),
                                            storageClass == null || storageClass.isEmpty()
                                                    ? "(the default one)"
                                                    : "'" + storageClass + "'"));
                }
            }
        }
    }

    private static int replicas(StatefulSet statefulSet) {
        Integer replicas = statefulSet.getSpec().getReplicas();
        return replicas == null ? 1 : replicas;
    }

    private static Map<String, String> annotations(StatefulSet statefulSet) {
        Map<String, String> annotations = statefulSet.getMetadata().getAnnotations();
        return annotations == null ? Map.of() : annotations;
    }
}
