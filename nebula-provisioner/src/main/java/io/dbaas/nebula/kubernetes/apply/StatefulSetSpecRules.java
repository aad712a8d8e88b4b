package io.dbaas.nebula.kubernetes.apply;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Which changes of a StatefulSet's spec the API server takes as an update, and what Nebula does with the others.
 *
 * <p>A real API server answers 422 ({@code spec: Forbidden: updates to statefulset spec for fields other than
 * 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds'
 * are forbidden}) to a change of any other field; the mock API server accepts it. So Nebula never sends one: a change
 * of the others either recreates the StatefulSet without its pods (orphan deletion; the pods keep running and the new
 * StatefulSet adopts them, as the selector is unchanged), or is refused before anything is touched, with the reason.
 * {@code revisionHistoryLimit}, updatable only since Kubernetes 1.31, is counted as immutable so that older API servers
 * are served too.
 */
final class StatefulSetSpecRules {

    /** The spec fields the API server lets an update change. */
    static final Set<String> UPDATABLE = Set.of(
            "replicas",
            "ordinals",
            "template",
            "updateStrategy",
            "persistentVolumeClaimRetentionPolicy",
            "minReadySeconds");

    private StatefulSetSpecRules() {}

    /** Those of the spec fields a patch would change that the API server refuses to update, sorted. */
    static Set<String> immutableFieldsIn(Set<String> changedSpecFields) {
        Set<String> fields = new TreeSet<>(changedSpecFields);
        fields.removeAll(UPDATABLE);
        return fields;
    }

    /**
     * Why the live StatefulSet cannot become the rendered one even by recreating it, or empty when it can: its pods
     * would not be adopted (another selector), or its volumes would have to move (another storage class or access mode
     * for an existing claim template, a claim template removed).
     */
    static Optional<String> refusal(StatefulSet rendered, StatefulSet live) {
        String name =
                live.getMetadata().getNamespace() + "/" + live.getMetadata().getName();
        if (!Objects.equals(selector(rendered), selector(live))) {
            return Optional.of(
                    "StatefulSet %s selects its pods by %s and the rendering by %s: its pods would not be adopted, and the API server refuses to change a selector. The StatefulSet is unchanged; a new cluster is needed for new selector labels."
                            .formatted(name, selector(live), selector(rendered)));
        }
        Map<String, PersistentVolumeClaim> wanted = templates(rendered);
        List<String> reasons = new ArrayList<>();
        templates(live).forEach((template, current) -> {
            PersistentVolumeClaim next = wanted.get(template);
            if (next == null) {
                reasons.add("volume claim template '%s' would be dropped".formatted(template));
                return;
            }
            String wantedClass = next.getSpec().getStorageClassName();
            String liveClass = current.getSpec().getStorageClassName();
            if (wantedClass != null && !wantedClass.equals(liveClass)) {
                reasons.add("the volumes of '%s' are on storage class %s, and the rendering asks for %s"
                        .formatted(template, describe(liveClass), describe(wantedClass)));
            }
            List<String> wantedModes = next.getSpec().getAccessModes();
            if (wantedModes != null
                    && !wantedModes.isEmpty()
                    && !wantedModes.equals(current.getSpec().getAccessModes())) {
                reasons.add("the volumes of '%s' have access modes %s, and the rendering asks for %s"
                        .formatted(template, current.getSpec().getAccessModes(), wantedModes));
            }
        });
        if (reasons.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                "StatefulSet %s cannot change: %s. Existing volumes cannot move to another class or mode in place; the StatefulSet is unchanged. Keep the region's storage settings for existing clusters, or restore a snapshot into a new cluster."
                        .formatted(name, String.join("; ", reasons)));
    }

    private static Map<String, String> selector(StatefulSet statefulSet) {
        var selector = statefulSet.getSpec().getSelector();
        return selector == null || selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
    }

    private static Map<String, PersistentVolumeClaim> templates(StatefulSet statefulSet) {
        List<PersistentVolumeClaim> templates = statefulSet.getSpec().getVolumeClaimTemplates();
        return templates == null
                ? Map.of()
                : templates.stream()
                        .collect(Collectors.toMap(claim -> claim.getMetadata().getName(), Function.identity()));
    }

    private static String describe(String storageClass) {
        return storageClass == null || storageClass.isEmpty() ? "(the default one)" : "'" + storageClass + "'";
    }
}
