package io.dbaas.nebula.kubernetes.topology;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Which zone annotation a pod needs, from the pod and its node alone. Pure. */
final class NodeZones {

    /** The well-known label of a node's zone, and the annotation Nebula copies it into on the pod. */
    static final String ZONE = "topology.kubernetes.io/zone";

    /**
     * What a node without a zone label counts as: every such node is one zone, which makes zone awareness a no-op on
     * a single-zone development cluster instead of keeping its pods from starting.
     */
    static final String NO_ZONE = "none";

    private NodeZones() {}

    /** The name of the node the pod is scheduled on, when it is scheduled and not yet annotated. */
    static Optional<String> nodeToLookUp(Pod pod) {
        String nodeName = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        if (nodeName == null || nodeName.isBlank() || annotations(pod).containsKey(ZONE)) {
            return Optional.empty();
        }
        return Optional.of(nodeName);
    }

    static String zoneOf(@Nullable Node node) {
        Map<String, String> labels = node == null ? null : node.getMetadata().getLabels();
        String zone = labels == null ? null : labels.get(ZONE);
        return zone == null || zone.isBlank() ? NO_ZONE : zone;
    }

    private static Map<String, String> annotations(Pod pod) {
        Map<String, String> annotations = pod.getMetadata().getAnnotations();
        return annotations == null ? Map.of() : annotations;
    }
}
