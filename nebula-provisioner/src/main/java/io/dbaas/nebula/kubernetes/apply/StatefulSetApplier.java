package io.dbaas.nebula.kubernetes.apply;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.dbaas.nebula.kubernetes.apply.ResourceOperationException.Operation;
import io.dbaas.nebula.kubernetes.model.Annotations;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * StatefulSets, on top of {@link ResourceApplier}'s patch of what Nebula owns:
 *
 * <ul>
 *   <li>undoes hand edits of what Nebula owns (replicas, each container's image and resources);
 *   <li>never sends a change of a field the API server does not let an update change ({@link StatefulSetSpecRules}):
 *       a bigger disk (volume claim template) recreates the StatefulSet without its pods (orphan deletion, as ECK
 *       does: the pods and their volumes keep running and the new StatefulSet adopts them), keeping the labels and
 *       annotations others put on it; another selector or storage class is refused ({@link #refusal}) before anything
 *       is touched;
 *   <li>holds back a pod template that only a new Nebula rendering changed, as {@link RenderingRollouts} decides.
 * </ul>
 */
public class StatefulSetApplier extends ResourceApplier<StatefulSet> {

    private static final Duration ORPHANING = Duration.ofSeconds(60);

    private final RenderingRollouts rollouts;

    StatefulSetApplier(KubernetesClient client, RenderingRollouts rollouts) {
        super(client);
        this.rollouts = rollouts;
    }

    /**
     * Why the live StatefulSet cannot take the rendered one, or empty when it can (or does not exist yet). Asked before
     * a cluster is reconciled, so that a refused change touches nothing.
     */
    public Optional<String> refusal(StatefulSet desired) {
        StatefulSet live = current(desired);
        return live == null ? Optional.empty() : StatefulSetSpecRules.refusal(desired, live);
    }

    @Override
    boolean drifted(StatefulSet desired, StatefulSet current) {
        return !Objects.equals(
                        desired.getSpec().getReplicas(), current.getSpec().getReplicas())
                || !sameContainers(
                        desired.getSpec().getTemplate().getSpec().getContainers(),
                        current.getSpec().getTemplate().getSpec().getContainers());
    }

    /**
     * The rendering, but with the pod template the cluster runs when only Nebula's rendering of it changed (the same
     * command, so the same spec) and the rollout budget has no place for it now.
     */
    @Override
    StatefulSet effective(StatefulSet desired, StatefulSet current) {
        PodTemplateSpec running = runningTemplate(current);
        if (!sameCommand(desired, current)
                || json(templateOnly(desired.getSpec().getTemplate())).equals(json(templateOnly(running)))
                || rollouts.mayRoll(client, current)) {
            return desired;
        }
        StatefulSet held = client.getKubernetesSerialization().clone(desired);
        held.getSpec().setTemplate(client.getKubernetesSerialization().clone(running));
        return held;
    }

    @Override
    void send(ArrayNode patch, StatefulSet owned, StatefulSet current) {
        Set<String> immutable = StatefulSetSpecRules.immutableFieldsIn(OwnedFieldsPatch.changedPaths(patch, "/spec/"));
        if (immutable.isEmpty()) {
            super.send(patch, owned, current);
            return;
        }
        Optional<String> refusal = StatefulSetSpecRules.refusal(owned, current);
        if (refusal.isPresent()) {
            throw new ImmutableFieldChangeException(refusal.get());
        }
        recreate(owned, current);
    }

    /**
     * Deletes the StatefulSet, leaving its pods, and creates the rendered one, which adopts them. Labels and
     * annotations others put on the old one are carried over; those Nebula stopped rendering are not.
     */
    private void recreate(StatefulSet owned, StatefulSet current) {
        String namespace = current.getMetadata().getNamespace();
        String name = current.getMetadata().getName();
        StatefulSet previous = lastAppliedObject(current);
        owned.getMetadata()
                .setLabels(keepingForeign(
                        current.getMetadata().getLabels(),
                        previous == null ? null : previous.getMetadata().getLabels(),
                        owned.getMetadata().getLabels()));
        owned.getMetadata()
                .setAnnotations(keepingForeign(
                        current.getMetadata().getAnnotations(),
                        previous == null ? null : previous.getMetadata().getAnnotations(),
                        owned.getMetadata().getAnnotations()));
        call(Operation.DELETE, current, () -> client.apps()
                .statefulSets()
                .inNamespace(namespace)
                .withName(name)
                .withPropagationPolicy(DeletionPropagation.ORPHAN)
                .delete());
        call(Operation.DELETE, current, () -> client.apps()
                .statefulSets()
                .inNamespace(namespace)
                .withName(name)
                .waitUntilCondition(Objects::isNull, ORPHANING.toSeconds(), TimeUnit.SECONDS));
        owned.getMetadata().setResourceVersion(null);
        call(Operation.CREATE, owned, () -> client.resource(owned).create());
    }

    /** The live entries nobody rendered, minus those Nebula rendered last time, plus what it renders now. */
    private static Map<String, String> keepingForeign(
            @Nullable Map<String, String> live,
            @Nullable Map<String, String> renderedBefore,
            @Nullable Map<String, String> rendered) {
        Map<String, String> kept = new LinkedHashMap<>(live == null ? Map.of() : live);
        if (renderedBefore != null) {
            renderedBefore.keySet().forEach(kept::remove);
        }
        if (rendered != null) {
            kept.putAll(rendered);
        }
        return kept;
    }

    private PodTemplateSpec runningTemplate(StatefulSet current) {
        StatefulSet previous = lastAppliedObject(current);
        return previous != null
                        && previous.getSpec() != null
                        && previous.getSpec().getTemplate() != null
                ? previous.getSpec().getTemplate()
                : current.getSpec().getTemplate();
    }

    private static StatefulSet templateOnly(PodTemplateSpec template) {
        StatefulSet holder = new StatefulSet();
        holder.setSpec(new io.fabric8.kubernetes.api.model.apps.StatefulSetSpec());
        holder.getSpec().setTemplate(template);
        return holder;
    }

    private static boolean sameCommand(StatefulSet desired, StatefulSet current) {
        String wanted = annotations(desired).get(Annotations.COMMAND_ID);
        return wanted != null && wanted.equals(annotations(current).get(Annotations.COMMAND_ID));
    }

    /** The storage each volume claim template asks for, by template name. */
    public static Map<String, Quantity> claimSizes(StatefulSet statefulSet) {
        List<PersistentVolumeClaim> templates = statefulSet.getSpec().getVolumeClaimTemplates();
        return templates == null
                ? Map.of()
                : templates.stream()
                        .collect(Collectors.toMap(claim -> claim.getMetadata().getName(), StatefulSetApplier::storage));
    }

    static Quantity storage(PersistentVolumeClaim claim) {
        Map<String, Quantity> requests = claim.getSpec().getResources() == null
                ? null
                : claim.getSpec().getResources().getRequests();
        Quantity storage = requests == null ? null : requests.get("storage");
        return storage == null ? new Quantity("0") : storage;
    }

    private static boolean sameContainers(List<Container> desired, List<Container> current) {
        if (desired.size() != current.size()) {
            return false;
        }
        for (int i = 0; i < desired.size(); i++) {
            Container wanted = desired.get(i);
            Container live = current.get(i);
            if (!Objects.equals(wanted.getName(), live.getName())
                    || !Objects.equals(wanted.getImage(), live.getImage())
                    || !sameQuantities(requests(wanted), requests(live))
                    || !sameQuantities(limits(wanted), limits(live))) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, Quantity> requests(Container container) {
        return container.getResources() == null || container.getResources().getRequests() == null
                ? Map.of()
                : container.getResources().getRequests();
    }

    private static Map<String, Quantity> limits(Container container) {
        return container.getResources() == null || container.getResources().getLimits() == null
                ? Map.of()
                : container.getResources().getLimits();
    }

    /** Compares by amount, so that {@code 1Gi} and {@code 1024Mi} are the same. */
    static boolean sameQuantities(Map<String, Quantity> a, Map<String, Quantity> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        return a.entrySet().stream().allMatch(entry -> sameAmount(entry.getValue(), b.get(entry.getKey())));
    }

    static boolean sameAmount(@Nullable Quantity a, @Nullable Quantity b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.getNumericalAmount().compareTo(b.getNumericalAmount()) == 0;
    }
}
