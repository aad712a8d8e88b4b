package io.dbaas.nebula.kubernetes.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbaas.nebula.infrastructure.ResourceChange;
import io.dbaas.nebula.kubernetes.apply.ResourceOperationException.Operation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Create-or-patch of one kind of object: get, then create it, or send a JSON Patch that carries only the fields Nebula
 * owns (ADR 0014, superseding the replace of ADR 0005).
 *
 * <p>What Nebula owns is what it rendered: the rendering it last applied is kept on the object
 * ({@value #LAST_APPLIED}, like kubectl's {@code last-applied-configuration}), so that a field it stopped rendering is
 * removed, and every field it never rendered — a Service's {@code loadBalancerClass}, labels and annotations added by
 * admission, the cloud or another controller — is left alone ({@link OwnedFieldsPatch}). Server-side apply would do
 * the same with a field manager, but the fabric8 mock API server the tests run against answers 415 to it; it applies
 * JSON Patches as a real API server does.
 *
 * <p>Whether an object changed is decided by a hash of the rendered object, kept in an annotation, not by comparing it
 * with what the API server returns: the server fills in defaults, so a field-by-field comparison would see a change
 * every time. A hand edit that keeps the annotation is seen only where a subclass compares the fields that matter
 * ({@link #drifted}); {@link StatefulSetApplier} does so for replicas, images and resources.
 *
 * <p>The patch sets the {@code resourceVersion} it was computed against, which the API server takes as a precondition:
 * a change made meanwhile makes it fail with 409 instead of being patched over blindly; the object is then read again
 * and the patch computed again.
 */
public class ResourceApplier<T extends HasMetadata> {

    /** Hash of the object as Nebula last rendered it. */
    public static final String DESIRED_STATE_HASH = "dbaas.io/desired-state-hash";

    /** The object as Nebula last applied it, as JSON: what it owns, so that what it stops rendering can be removed. */
    public static final String LAST_APPLIED = "dbaas.io/last-applied";

    /** How often a patch is computed again after a concurrent change made it fail with 409. */
    static final int ATTEMPTS = 4;

    final KubernetesClient client;

    ResourceApplier(KubernetesClient client) {
        this.client = client;
    }

    public ResourceChange apply(T desired) {
        KubernetesClientException conflict = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                return applyOnce(desired);
            } catch (ResourceOperationException e) {
                if (e.getCause().getCode() != HttpURLConnection.HTTP_CONFLICT) {
                    throw e;
                }
                // Changed (or created) by someone else since it was read: read it again and patch what is still
                // Nebula's.
                conflict = e.getCause();
            }
        }
        // The loop only ends without returning after a conflict on every attempt.
        throw new ResourceOperationException(Operation.UPDATE, desired, Objects.requireNonNull(conflict));
    }

    private ResourceChange applyOnce(T desired) {
        T current = current(desired);
        if (current == null) {
            T created = owned(desired, hash(desired));
            call(Operation.CREATE, desired, () -> client.resource(created).create());
            return ResourceChange.CREATED;
        }
        String applied = annotations(current).get(DESIRED_STATE_HASH);
        String renderedHash = hash(desired);
        if (renderedHash.equals(applied) && !drifted(desired, current)) {
            return ResourceChange.UNCHANGED;
        }
        T effective = effective(desired, current);
        String hash = effective == desired ? renderedHash : hash(effective);
        if (hash.equals(applied) && !drifted(effective, current)) {
            return ResourceChange.UNCHANGED;
        }
        T owned = owned(effective, hash);
        ArrayNode patch = OwnedFieldsPatch.of(lastApplied(current), json(owned), json(current));
        if (patch.isEmpty()) {
            return ResourceChange.UNCHANGED;
        }
        send(patch, owned, current);
        return ResourceChange.UPDATED;
    }

    /** The object as it is now on the API server, or null when it does not exist. */
    public @Nullable T current(T desired) {
        return call(Operation.READ, desired, () -> client.resource(desired).get());
    }

    /**
     * What is to be applied, given the live object: the rendering itself unless a subclass holds part of it back (the
     * pod template of a rendering-only change, {@link StatefulSetApplier}).
     */
    T effective(T desired, T current) {
        return desired;
    }

    /**
     * Whether the live object, though its hash annotation matches, differs from the rendered one where it matters:
     * someone edited it by hand. By default nothing is compared.
     */
    boolean drifted(T desired, T current) {
        return false;
    }

    /** Sends the patch, guarded by the resourceVersion it was computed against. */
    void send(ArrayNode patch, T owned, T current) {
        ArrayNode guarded = patch.deepCopy();
        guarded.addObject()
                .put("op", "replace")
                .put("path", "/metadata/resourceVersion")
                .put("value", current.getMetadata().getResourceVersion());
        call(Operation.UPDATE, owned, () -> client.resource(current)
                .patch(PatchContext.of(PatchType.JSON), guarded.toString()));
    }

    /** The rendering with the marks of ownership: its hash and itself as last applied. */
    T owned(T rendered, String hash) {
        T owned = client.getKubernetesSerialization().clone(rendered);
        owned.getMetadata().setResourceVersion(null);
        annotations(owned).put(DESIRED_STATE_HASH, hash);
        annotations(owned).remove(LAST_APPLIED);
        String lastApplied = client.getKubernetesSerialization().asJson(owned);
        annotations(owned).put(LAST_APPLIED, lastApplied);
        return owned;
    }

    /** What Nebula applied last time, as recorded on the live object; empty for an object from before the record. */
    ObjectNode lastApplied(T current) {
        String recorded = annotations(current).get(LAST_APPLIED);
        if (recorded == null) {
            return JsonNodeFactory.instance.objectNode();
        }
        JsonNode node = client.getKubernetesSerialization().unmarshal(recorded, JsonNode.class);
        return node instanceof ObjectNode object ? object : JsonNodeFactory.instance.objectNode();
    }

    /** The rendering Nebula last applied to the live object, or null when none was recorded. */
    @Nullable
    T lastAppliedObject(T current) {
        String recorded = annotations(current).get(LAST_APPLIED);
        if (recorded == null) {
            return null;
        }
        @SuppressWarnings("unchecked")
        T object = (T) client.getKubernetesSerialization().unmarshal(recorded, current.getClass());
        return object;
    }

    ObjectNode json(T object) {
        return client.getKubernetesSerialization().convertValue(object, ObjectNode.class);
    }

    static <R extends @Nullable Object> R call(Operation operation, HasMetadata object, Supplier<R> request) {
        try {
            return request.get();
        } catch (KubernetesClientException e) {
            throw new ResourceOperationException(operation, object, e);
        }
    }

    String hash(T desired) {
        byte[] json = client.getKubernetesSerialization().asJson(desired).getBytes(StandardCharsets.UTF_8);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    static Map<String, String> annotations(HasMetadata object) {
        if (object.getMetadata().getAnnotations() == null) {
            object.getMetadata().setAnnotations(new LinkedHashMap<>());
        }
        return object.getMetadata().getAnnotations();
    }
}
