package io.dbaas.nebula.kubernetes.apply;

import io.dbaas.nebula.kubernetes.apply.ResourceOperationException.Operation;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Optional;

/** Reads a cluster's namespace and marks it, for what create-or-update does not cover. */
public class Namespaces {

    private final KubernetesClient client;

    Namespaces(KubernetesClient client) {
        this.client = client;
    }

    public Optional<Namespace> find(String name) {
        return Optional.ofNullable(ResourceApplier.call(Operation.READ, probe(name), () -> client.namespaces()
                .withName(name)
                .get()));
    }

    /** Adds one annotation to the live namespace, leaving the rest as it is. */
    public void annotate(String name, String key, String value) {
        ResourceApplier.call(Operation.UPDATE, probe(name), () -> client.namespaces()
                .withName(name)
                .edit(live -> new NamespaceBuilder(live)
                        .editMetadata()
                        .addToAnnotations(key, value)
                        .endMetadata()
                        .build()));
    }

    private static Namespace probe(String name) {
        return new NamespaceBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .build();
    }
}
