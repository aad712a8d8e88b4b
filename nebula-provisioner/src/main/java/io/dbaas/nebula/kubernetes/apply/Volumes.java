package io.dbaas.nebula.kubernetes.apply;

import io.dbaas.nebula.config.VolumePolicy;
import io.dbaas.nebula.kubernetes.apply.ResourceOperationException.Operation;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The data volumes of a cluster: its PersistentVolumeClaims, the volumes bound to them, and their storage class. */
public class Volumes {

    /** The annotation Kubernetes marks the default storage class with. */
    static final String DEFAULT_CLASS = "storageclass.kubernetes.io/is-default-class";

    private final KubernetesClient client;

    Volumes(KubernetesClient client) {
        this.client = client;
    }

    /** The claims of the StatefulSet {@code statefulSet}'s template {@code template}: {@code <template>-<set>-<n>}. */
    public List<PersistentVolumeClaim> claims(String namespace, String template, String statefulSet) {
        String prefix = template + "-" + statefulSet + "-";
        return all(namespace).stream()
                .filter(claim -> claim.getMetadata().getName().startsWith(prefix))
                .toList();
    }

    public List<PersistentVolumeClaim> all(String namespace) {
        PersistentVolumeClaim probe = claim(namespace, "*");
        List<PersistentVolumeClaim> claims =
                ResourceApplier.call(Operation.READ, probe, () -> client.persistentVolumeClaims()
                        .inNamespace(namespace)
                        .list()
                        .getItems());
        return claims == null ? List.of() : claims;
    }

    public static Quantity requested(PersistentVolumeClaim claim) {
        return StatefulSetApplier.storage(claim);
    }

    /** Asks for a bigger volume; the storage driver grows it (and, for some drivers, the filesystem on next mount). */
    public void grow(PersistentVolumeClaim claim, Quantity size) {
        ResourceApplier.call(Operation.UPDATE, claim, () -> client.persistentVolumeClaims()
                .inNamespace(claim.getMetadata().getNamespace())
                .withName(claim.getMetadata().getName())
                .edit(live -> new PersistentVolumeClaimBuilder(live)
                        .editSpec()
                        .editResources()
                        .addToRequests("storage", size)
                        .endResources()
                        .endSpec()
                        .build()));
    }

    /**
     * Whether volumes of the storage class may grow: the class named, or the cluster's default class when the name is
     * empty. Empty when no such class can be found.
     */
    public Optional<Boolean> allowsExpansion(@Nullable String storageClassName) {
        StorageClass storageClass = storageClassName == null || storageClassName.isEmpty()
                ? defaultStorageClass()
                : client.storage()
                        .v1()
                        .storageClasses()
                        .withName(storageClassName)
                        .get();
        return Optional.ofNullable(storageClass).map(found -> Boolean.TRUE.equals(found.getAllowVolumeExpansion()));
    }

    private @Nullable StorageClass defaultStorageClass() {
        return client.storage().v1().storageClasses().list().getItems().stream()
                .filter(found -> found.getMetadata().getAnnotations() != null
                        && "true".equals(found.getMetadata().getAnnotations().get(DEFAULT_CLASS)))
                .findFirst()
                .orElse(null);
    }

    /**
     * Sets the reclaim policy of every volume bound to a claim of the namespace, as the policy says, and labels a
     * retained one with the cluster's labels so that an operator can find it. Returns the names of the volumes.
     */
    public List<String> reclaimAs(String namespace, VolumePolicy policy, Map<String, String> clusterLabels) {
        List<String> volumes = new ArrayList<>();
        for (PersistentVolumeClaim claim : all(namespace)) {
            String volumeName = claim.getSpec() == null ? null : claim.getSpec().getVolumeName();
            if (volumeName == null || volumeName.isEmpty()) {
                continue;
            }
            PersistentVolume probe = new PersistentVolumeBuilder()
                    .withNewMetadata()
                    .withName(volumeName)
                    .endMetadata()
                    .build();
            PersistentVolume edited = ResourceApplier.call(Operation.UPDATE, probe, () -> {
                if (client.persistentVolumes().withName(volumeName).get() == null) {
                    return null;
                }
                return client.persistentVolumes().withName(volumeName).edit(live -> {
                    PersistentVolumeBuilder builder = new PersistentVolumeBuilder(live)
                            .editSpec()
                            .withPersistentVolumeReclaimPolicy(policy == VolumePolicy.RETAIN ? "Retain" : "Delete")
                            .endSpec();
                    if (policy == VolumePolicy.RETAIN) {
                        builder.editMetadata().addToLabels(clusterLabels).endMetadata();
                    }
                    return builder.build();
                });
            });
            if (edited != null) {
                volumes.add(volumeName);
            }
        }
        return volumes;
    }

    private static PersistentVolumeClaim claim(String namespace, String name) {
        return new PersistentVolumeClaimBuilder()
                .withNewMetadata()
                .withNamespace(namespace)
                .withName(name)
                .endMetadata()
                .build();
    }
}
