package io.dbaas.nebula.kubernetes.apply;

import io.dbaas.nebula.kubernetes.apply.ResourceOperationException.Operation;
import io.dbaas.nebula.kubernetes.model.Annotations;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * StatefulSets: undoes hand edits of what Nebula owns (replicas, each container's image and resources), and changes
 * the volume claim templates, which the API server does not let anyone update, by recreating the StatefulSet without
 * its pods (orphan deletion, as ECK does): the pods and their volumes keep running and the new StatefulSet adopts
 * them.
 */
public class StatefulSetApplier extends ResourceApplier<StatefulSet> {

    private static final Duration ORPHANING = Duration.ofSeconds(60);

    StatefulSetApplier(KubernetesClient client) {
        super(client);
    }

    @Override
    boolean drifted(StatefulSet desired, StatefulSet current) {
        return !Objects.equals(
                        desired.getSpec().getReplicas(), current.getSpec().getReplicas())
                || !sameContainers(
                        desired.getSpec().getTemplate().getSpec().getContainers(),
                        current.getSpec().getTemplate().getSpec().getContainers());
    }

    @Override
    void replace(StatefulSet withHash, StatefulSet current) {
        // What the status side recorded on the live object is not Nebula's rendering to undo.
        for (String recorded : List.of(
                Annotations.ANNOUNCED_COMMAND, Annotations.ANNOUNCED_CONDITION, Annotations.ANNOUNCED_ADDRESS)) {
            String value = current.getMetadata().getAnnotations() == null
                    ? null
                    : current.getMetadata().getAnnotations().get(recorded);
            if (value != null) {
                withHash.getMetadata().getAnnotations().put(recorded, value);
            }
        }
        if (sameClaimSizes(withHash, current)) {
            super.replace(withHash, current);
            return;
        }
        String namespace = current.getMetadata().getNamespace();
        String name = current.getMetadata().getName();
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
        withHash.getMetadata().setResourceVersion(null);
        call(Operation.CREATE, withHash, () -> client.resource(withHash).create());
    }

    /** The storage each volume claim template asks for, by template name. */
    public static Map<String, Quantity> claimSizes(StatefulSet statefulSet) {
        List<PersistentVolumeClaim> templates = statefulSet.getSpec().getVolumeClaimTemplates();
        return templates == null
                ? Map.of()
                : templates.stream()
                        .collect(java.util.stream.Collectors.toMap(
                                claim -> claim.getMetadata().getName(), StatefulSetApplier::storage));
    }

    static Quantity storage(PersistentVolumeClaim claim) {
        Map<String, Quantity> requests = claim.getSpec().getResources() == null
                ? null
                : claim.getSpec().getResources().getRequests();
        Quantity storage = requests == null ? null : requests.get("storage");
        return storage == null ? new Quantity("0") : storage;
    }

    private static boolean sameClaimSizes(StatefulSet desired, StatefulSet current) {
        return sameQuantities(claimSizes(desired), claimSizes(current));
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
