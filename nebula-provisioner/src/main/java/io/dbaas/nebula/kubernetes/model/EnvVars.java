package io.dbaas.nebula.kubernetes.model;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;

/** A container's environment variables, one line each: a plain value, a Secret's entry, or a field of the pod. */
final class EnvVars {

    private EnvVars() {}

    static EnvVar value(String name, String value) {
        return new EnvVarBuilder().withName(name).withValue(value).build();
    }

    /** An entry of a Secret in the pod's namespace: the value never appears in the pod's spec. */
    static EnvVar fromSecret(String name, String secret, String entry) {
        return new EnvVarBuilder()
                .withName(name)
                .withNewValueFrom()
                .withNewSecretKeyRef()
                .withName(secret)
                .withKey(entry)
                .endSecretKeyRef()
                .endValueFrom()
                .build();
    }

    /** A field of the pod itself (the downward API), such as {@code metadata.name} or {@code status.podIP}. */
    static EnvVar fromField(String name, String fieldPath) {
        return new EnvVarBuilder()
                .withName(name)
                .withNewValueFrom()
                .withNewFieldRef()
                .withFieldPath(fieldPath)
                .endFieldRef()
                .endValueFrom()
                .build();
    }
}
