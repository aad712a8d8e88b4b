package io.dbaas.testsupport.elasticsearch;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A container's {@code env} as the kubelet resolves it when it starts the container: literal values, the pod's own
 * fields, and keys of Secrets and ConfigMaps of its namespace. A missing Secret, ConfigMap or key fails the start, as
 * it does in a kubelet ({@code CreateContainerConfigError}).
 */
final class EnvironmentVariables {

    private final KubernetesClient client;
    private final String namespace;
    private final String podName;
    private final String address;
    private final String nodeName;

    EnvironmentVariables(KubernetesClient client, String namespace, String podName, String address, String nodeName) {
        this.client = client;
        this.namespace = namespace;
        this.podName = podName;
        this.address = address;
        this.nodeName = nodeName;
    }

    Map<String, String> resolve(Container container) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (EnvVar variable : container.getEnv() == null ? List.<EnvVar>of() : container.getEnv()) {
            environment.put(variable.getName(), value(variable));
        }
        return environment;
    }

    private String value(EnvVar variable) {
        if (variable.getValueFrom() == null) {
            return variable.getValue() == null ? "" : variable.getValue();
        }
        var from = variable.getValueFrom();
        if (from.getFieldRef() != null) {
            return switch (from.getFieldRef().getFieldPath()) {
                case "metadata.name" -> podName;
                case "metadata.namespace" -> namespace;
                case "status.podIP", "status.hostIP" -> address;
                case "spec.nodeName" -> nodeName;
                default ->
                    throw new UnsupportedOperationException(
                            "field " + from.getFieldRef().getFieldPath() + " in this stand-in");
            };
        }
        if (from.getSecretKeyRef() != null) {
            String name = from.getSecretKeyRef().getName();
            String key = from.getSecretKeyRef().getKey();
            Secret secret =
                    client.secrets().inNamespace(namespace).withName(name).get();
            String base64 = secret == null || secret.getData() == null
                    ? null
                    : secret.getData().get(key);
            if (base64 == null) {
                throw missing("secret", name, key, variable);
            }
            return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
        }
        if (from.getConfigMapKeyRef() != null) {
            String name = from.getConfigMapKeyRef().getName();
            String key = from.getConfigMapKeyRef().getKey();
            var configMap =
                    client.configMaps().inNamespace(namespace).withName(name).get();
            String value = configMap == null || configMap.getData() == null
                    ? null
                    : configMap.getData().get(key);
            if (value == null) {
                throw missing("config map", name, key, variable);
            }
            return value;
        }
        throw new UnsupportedOperationException("environment variable " + variable.getName() + " in this stand-in");
    }

    private static IllegalStateException missing(String kind, String name, String key, EnvVar variable) {
        return new IllegalStateException(
                kind + " " + name + " has no key " + key + " for environment variable " + variable.getName());
    }
}
