package io.dbaas.nebula.kubernetes.status;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Whether pods run what their StatefulSet's template says (same image in every container) and are ready; and which
 * versions they run, read from image tags. Pure: no API calls.
 */
final class PodVersions {

    private PodVersions() {}

    /** Whether {@code wanted} pods are there, every one ready and running the template's images. */
    static boolean allReadyAtTemplate(StatefulSet statefulSet, List<Pod> pods, int wanted) {
        Map<String, String> images =
                images(statefulSet.getSpec().getTemplate().getSpec().getContainers());
        long matching = pods.stream()
                .filter(pod -> pod.getMetadata().getDeletionTimestamp() == null)
                .filter(PodVersions::ready)
                .filter(pod -> images.equals(images(pod.getSpec().getContainers())))
                .count();
        return matching >= wanted;
    }

    static boolean ready(Pod pod) {
        return pod.getStatus() != null
                && pod.getStatus().getConditions() != null
                && pod.getStatus().getConditions().stream()
                        .anyMatch(condition ->
                                "Ready".equals(condition.getType()) && "True".equals(condition.getStatus()));
    }

    /** The version of each pod's first container, from its image tag ({@code qdrant/qdrant:v1.13.4} → 1.13.4). */
    static List<String> versions(List<Pod> pods) {
        return pods.stream()
                .map(pod -> pod.getSpec().getContainers().getFirst().getImage())
                .map(PodVersions::versionOf)
                .filter(Objects::nonNull)
                .distinct()
                .sorted()
                .toList();
    }

    static @Nullable String versionOf(String image) {
        int colon = image.lastIndexOf(':');
        if (colon < 0 || colon < image.lastIndexOf('/')) {
            return null;
        }
        String tag = image.substring(colon + 1);
        return tag.startsWith("v") ? tag.substring(1) : tag;
    }

    private static Map<String, String> images(List<Container> containers) {
        return containers.stream().collect(Collectors.toMap(Container::getName, Container::getImage, (a, b) -> a));
    }
}
