package io.dbaas.nebula.kubernetes.apply;

import io.dbaas.nebula.infrastructure.ResourceChange;
import io.dbaas.nebula.kubernetes.apply.ResourceOperationException.Operation;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Secrets that hold credentials: created once and never updated, so that a credential is never regenerated (the
 * pattern of java-operator-sdk's {@code SecretDependentResource}); the desired Secret is only rendered, and so its
 * credential only generated, when no Secret exists yet. The one exception is an explicit renewal ({@link #replace}),
 * which the reconciler asks for when the Secret's own renewal rule says so. Copies of Secrets Nebula did not make (the
 * region's backup-storage credentials) are the other exception: {@link #mirror} keeps them equal to their source.
 */
public class SecretApplier {

    private final KubernetesClient client;

    SecretApplier(KubernetesClient client) {
        this.client = client;
    }

    /**
     * Returns the existing Secret, or creates the rendered one.
     *
     * @param namespace where the Secret lives
     * @param name the Secret's name
     * @param render renders the Secret, generating its credential; called only when the Secret does not exist
     */
    public Outcome createOnce(String namespace, String name, Supplier<Secret> render) {
        Secret wanted = new SecretBuilder()
                .withNewMetadata()
                .withNamespace(namespace)
                .withName(name)
                .endMetadata()
                .build();
        Secret existing = ResourceApplier.call(
                Operation.READ,
                wanted,
                () -> client.secrets().inNamespace(namespace).withName(name).get());
        if (existing != null) {
            return new Outcome(ResourceChange.UNCHANGED, existing);
        }
        Secret desired = render.get();
        Secret created = ResourceApplier.call(
                Operation.CREATE, desired, () -> client.resource(desired).create());
        return new Outcome(ResourceChange.CREATED, created == null ? desired : created);
    }

    /**
     * Replaces an existing generated Secret with new content (a renewed certificate), failing rather than overwriting
     * a change made meanwhile.
     */
    public Secret replace(Secret existing, Secret renewed) {
        Secret replacement = new SecretBuilder(renewed)
                .editMetadata()
                .withResourceVersion(existing.getMetadata().getResourceVersion())
                .endMetadata()
                .build();
        Secret updated = ResourceApplier.call(Operation.UPDATE, replacement, () -> client.resource(replacement)
                .update());
        return updated == null ? replacement : updated;
    }

    /** The Secret {@code namespace/name} as it now is, or null when there is none. */
    public @Nullable Secret find(String namespace, String name) {
        Secret wanted = new SecretBuilder()
                .withNewMetadata()
                .withNamespace(namespace)
                .withName(name)
                .endMetadata()
                .build();
        return ResourceApplier.call(
                Operation.READ,
                wanted,
                () -> client.secrets().inNamespace(namespace).withName(name).get());
    }

    /**
     * Makes a copied Secret hold what its source holds now: created when missing, replaced when its data or
     * annotations differ (a rotated credential), left alone otherwise. Unlike generated credentials, a copy follows
     * its source, since Nebula did not make the credential and the region's operator rotates it.
     */
    public Outcome mirror(Secret desired) {
        String namespace = desired.getMetadata().getNamespace();
        String name = desired.getMetadata().getName();
        Secret existing = find(namespace, name);
        if (existing == null) {
            Secret created = ResourceApplier.call(
                    Operation.CREATE, desired, () -> client.resource(desired).create());
            return new Outcome(ResourceChange.CREATED, created == null ? desired : created);
        }
        if (Objects.equals(existing.getData(), desired.getData())
                && Objects.equals(
                        existing.getMetadata().getAnnotations(),
                        desired.getMetadata().getAnnotations())
                && (existing.getStringData() == null || existing.getStringData().isEmpty())) {
            return new Outcome(ResourceChange.UNCHANGED, existing);
        }
        return new Outcome(ResourceChange.UPDATED, replace(existing, desired));
    }

    /** The Secrets of {@code namespace} that carry {@code annotation}, whatever its value. */
    public List<Secret> annotated(String namespace, String annotation) {
        Secret wanted = new SecretBuilder()
                .withNewMetadata()
                .withNamespace(namespace)
                .endMetadata()
                .build();
        return ResourceApplier.call(
                        Operation.READ,
                        wanted,
                        () -> client.secrets().inNamespace(namespace).list().getItems())
                .stream()
                .filter(secret -> secret.getMetadata().getAnnotations() != null
                        && secret.getMetadata().getAnnotations().containsKey(annotation))
                .toList();
    }

    /** Deletes {@code secret}; one already gone is no failure. */
    public void delete(Secret secret) {
        ResourceApplier.call(
                Operation.DELETE, secret, () -> client.resource(secret).delete());
    }

    /** What {@link #createOnce} did and the Secret as it now is. */
    public record Outcome(ResourceChange change, Secret secret) {}
}
