package io.dbaas.nebula.kubernetes.topology;

import io.dbaas.nebula.kubernetes.model.Labels;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

/** Nebula's zone annotation of pods, as {@link NodeZoneAnnotator} makes it, for tests that run pods without Nebula. */
public final class ZoneAnnotations {

    private ZoneAnnotations() {}

    /** Annotates every Nebula pod that appears or changes until the returned informer is closed. */
    public static SharedIndexInformer<Pod> start(KubernetesClient client) {
        SharedIndexInformer<Pod> informer = client.pods()
                .inAnyNamespace()
                .withLabel(Labels.MANAGED_BY, Labels.NEBULA)
                .inform(new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(Pod pod) {
                        NodeZoneAnnotator.annotate(client, pod);
                    }

                    @Override
                    public void onUpdate(Pod previous, Pod current) {
                        NodeZoneAnnotator.annotate(client, current);
                    }

                    @Override
                    public void onDelete(Pod pod, boolean finalStateUnknown) {}
                });
        return informer;
    }
}
