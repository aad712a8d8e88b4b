package io.dbaas.nebula.kubernetes.model;

import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;

/** Volume mounts of a database container. */
final class VolumeMounts {

    private VolumeMounts() {}

    static VolumeMount writable(String volume, String path) {
        return new VolumeMountBuilder().withName(volume).withMountPath(path).build();
    }

    static VolumeMount readOnly(String volume, String path) {
        return new VolumeMountBuilder()
                .withName(volume)
                .withMountPath(path)
                .withReadOnly(true)
                .build();
    }

    /** One file of a volume, {@code file}, mounted read-only as {@code directory/file}; the rest of it stays hidden. */
    static VolumeMount readOnlyFile(String volume, String directory, String file) {
        return new VolumeMountBuilder()
                .withName(volume)
                .withMountPath(directory + "/" + file)
                .withSubPath(file)
                .withReadOnly(true)
                .build();
    }
}
