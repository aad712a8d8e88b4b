package io.dbaas.nebula.kubernetes.model;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/** The Secrets a pod spec refers to: Secret volumes and {@code secretKeyRef}s of its containers and init containers. */
public final class PodTemplateSecrets {

    private PodTemplateSecrets() {}

    public static Set<String> referencedBy(PodSpec pod) {
        Set<String> names = new TreeSet<>();
        if (pod.getVolumes() != null) {
            pod.getVolumes().stream()
                    .map(Volume::getSecret)
                    .filter(secret -> secret != null && secret.getSecretName() != null)
                    .forEach(secret -> names.add(secret.getSecretName()));
        }
        Stream.concat(containers(pod.getContainers()), containers(pod.getInitContainers()))
                .filter(container -> container.getEnv() != null)
                .flatMap(container -> container.getEnv().stream())
                .map(EnvVar::getValueFrom)
                .filter(source -> source != null
                        && source.getSecretKeyRef() != null
                        && source.getSecretKeyRef().getName() != null)
                .forEach(source -> names.add(source.getSecretKeyRef().getName()));
        return names;
    }

    private static Stream<Container> containers(@Nullable List<Container> containers) {
        return containers == null ? Stream.empty() : containers.stream();
    }
}
