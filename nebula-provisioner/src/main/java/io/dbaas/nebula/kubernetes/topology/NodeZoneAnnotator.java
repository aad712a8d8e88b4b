package io.dbaas.nebula.kubernetes.topology;

import io.dbaas.nebula.kubernetes.model.Labels;
import io.dbaas.nebula.kubernetes.region.RegionClients;
import io.dbaas.nebula.kubernetes.region.RegionConnectedEvent;
import io.dbaas.nebula.region.RegionId;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Copies the zone label of each scheduled Nebula pod's node into the pod's {@code topology.kubernetes.io/zone}
 * annotation, once. Elasticsearch pods wait for it in an init container and read it through the downward API; for
 * other engines the annotation is merely informative. Needs {@code get} on nodes and {@code patch} on pods.
 */
@Component
class NodeZoneAnnotator implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(NodeZoneAnnotator.class);
    private static final Duration RESYNC = Duration.ofMinutes(5);

    private final Map<RegionId, SharedIndexInformer<Pod>> informers = new ConcurrentHashMap<>();

    /** Takes {@link RegionClients} only so that Spring closes the informers before the clients they use. */
    NodeZoneAnnotator(RegionClients clients) {}

    @EventListener
    void onRegionConnected(RegionConnectedEvent event) {
        KubernetesClient client = event.connection().client();
        informers.computeIfAbsent(event.connection().region().id(), id -> {
            SharedIndexInformer<Pod> informer = client.pods()
                    .inAnyNamespace()
                    .withLabel(Labels.MANAGED_BY, Labels.NEBULA)
                    .runnableInformer(RESYNC.toMillis());
            informer.addEventHandler(new ResourceEventHandler<>() {
                @Override
                public void onAdd(Pod pod) {
                    annotate(client, pod);
                }

                @Override
                public void onUpdate(Pod previous, Pod current) {
                    annotate(client, current);
                }

                @Override
                public void onDelete(Pod pod, boolean finalStateUnknown) {}
            });
            informer.start();
            return informer;
        });
    }

    /** Annotates the pod with its node's zone if it is scheduled and not annotated yet; the next resync retries. */
    static void annotate(KubernetesClient client, Pod pod) {
        NodeZones.nodeToLookUp(pod).ifPresent(nodeName -> {
            try {
                Node node = client.nodes().withName(nodeName).get();
                String zone = NodeZones.zoneOf(node);
                client.pods()
                        .inNamespace(pod.getMetadata().getNamespace())
                        .withName(pod.getMetadata().getName())
                        .edit(current -> {
                            if (current.getMetadata().getAnnotations() == null) {
                                current.getMetadata().setAnnotations(new LinkedHashMap<>());
                            }
                            current.getMetadata().getAnnotations().putIfAbsent(NodeZones.ZONE, zone);
                            return current;
                        });
            } catch (KubernetesClientException e) {
                log.warn(
                        "Could not annotate pod {}/{} with its node's zone, will retry: {}",
                        pod.getMetadata().getNamespace(),
                        pod.getMetadata().getName(),
                        e.getMessage());
            }
        });
    }

    @Override
    public void destroy() {
        informers.values().forEach(SharedIndexInformer::close);
        informers.clear();
    }
}
