package io.dbaas.nebula.kubernetes.model;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;

/**
 * Volumes of a database pod. None is mounted through {@code subPath}: the kubelet updates whole-volume mounts when their
 * ConfigMap or Secret changes, a {@code subPath} file never.
 */
final class PodVolumes {

    /** Secrets are readable by their owner and the pod's fsGroup only. */
    private static final int SECRET_MODE = 0440;

    private PodVolumes() {}

    static Volume configMap(String name, String configMap, int mode) {
        return new VolumeBuilder()
                .withName(name)
                .withNewConfigMap()
                .withName(configMap)
                .withDefaultMode(mode)
                .endConfigMap()
                .build();
    }

    static Volume secret(String name, String secret) {
        return new VolumeBuilder()
                .withName(name)
                .withNewSecret()
                .withSecretName(secret)
                .withDefaultMode(SECRET_MODE)
                .endSecret()
                .build();
    }

    /** The pod's own annotations, as the file {@code annotations}: how Nebula's zone annotation reaches the node. */
    static Volume podAnnotations(String name) {
        return new VolumeBuilder()
                .withName(name)
                .withNewDownwardAPI()
                .addNewItem()
                .withPath("annotations")
                .withNewFieldRef()
                .withFieldPath("metadata.annotations")
                .endFieldRef()
                .endItem()
                .endDownwardAPI()
                .build();
    }

    /** Scratch space the kubelet bounds: a pod writing more than {@code sizeLimit} to it is evicted. */
    static Volume emptyDir(String name, Quantity sizeLimit) {
        return new VolumeBuilder()
                .withName(name)
                .withNewEmptyDir()
                .withSizeLimit(sizeLimit)
                .endEmptyDir()
                .build();
    }

    static Volume emptyDir(String name) {
        return new VolumeBuilder()
                .withName(name)
                .withNewEmptyDir()
                .endEmptyDir()
                .build();
    }
}
