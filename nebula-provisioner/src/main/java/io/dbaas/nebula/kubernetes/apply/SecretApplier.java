package io.dbaas.nebula.kubernetes.apply;

import io.dbaas.nebula.infrastructure.ResourceChange;
import io.dbaas.nebula.kubernetes.apply.ResourceOperationException.Operation;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.function.Supplier;

/**
 * Secrets that hold credentials: created once and never updated, so that a credential is never regenerated (the
 * pattern of java-operator-sdk's {@code SecretDependentResource}); the desired Secret is only rendered, and so its
 * credential only generated, when no Secret exists yet. The one exception is an explicit renewal ({@link #replace}),
 * which the reconciler asks for when the Secret's own renewal rule says so.
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

    /** What {@link #createOnce} did and the Secret as it now is. */
    public record Outcome(ResourceChange change, Secret secret) {}
}
