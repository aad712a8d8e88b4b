package io.dbaas.nebula.support;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;

/**
 * Plays the StatefulSet controller, the scheduler and the kubelet against a mock API server, which has none of them:
 * pods from the StatefulSet's template, their status, the volume claims and volumes.
 */
public final class Kubelet {

    private final KubernetesClient client;

    public Kubelet(KubernetesClient client) {
        this.client = client;
    }

    public StatefulSet statefulSet(String namespace, String name) {
        return client.apps()
                .statefulSets()
                .inNamespace(namespace)
                .withName(name)
                .get();
    }

    /** Every pod of the StatefulSet created (or replaced) from its current template, ready; the status to match. */
    public void runAllReady(String namespace, String name) {
        StatefulSet statefulSet = statefulSet(namespace, name);
        int replicas = statefulSet.getSpec().getReplicas();
        for (int ordinal = 0; ordinal < replicas; ordinal++) {
            runPod(statefulSet, ordinal, ready());
        }
        setStatus(namespace, name, replicas, replicas);
    }

    /** Pod {@code ordinal} from the current template, with the given conditions and container states. */
    public Pod runPod(StatefulSet statefulSet, int ordinal, PodCondition... conditions) {
        String namespace = statefulSet.getMetadata().getNamespace();
        String podName = statefulSet.getMetadata().getName() + "-" + ordinal;
        client.pods().inNamespace(namespace).withName(podName).delete();
        Pod pod = new PodBuilder()
                .withNewMetadata()
                .withNamespace(namespace)
                .withName(podName)
                .withLabels(statefulSet.getSpec().getTemplate().getMetadata().getLabels())
                .endMetadata()
                .withSpec(statefulSet.getSpec().getTemplate().getSpec())
                .build();
        Pod created = client.resource(pod).create();
        created.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder()
                .withConditions(conditions)
                .build());
        return client.pods().resource(created).updateStatus();
    }

    /** A pod whose container crash-loops: running, restarting, never ready. */
    public Pod crashLoop(String namespace, String podName, int restarts) {
        Pod pod = client.pods().inNamespace(namespace).withName(podName).get();
        pod.getStatus().setConditions(List.of(condition("Ready", "False", null, null)));
        pod.getStatus()
                .setContainerStatuses(List.of(new ContainerStatusBuilder()
                        .withName(pod.getSpec().getContainers().getFirst().getName())
                        .withImage(pod.getSpec().getContainers().getFirst().getImage())
                        .withReady(false)
                        .withRestartCount(restarts)
                        .withNewState()
                        .withNewWaiting()
                        .withReason("CrashLoopBackOff")
                        .withMessage("back-off 5m0s restarting failed container")
                        .endWaiting()
                        .endState()
                        .withNewLastState()
                        .withNewTerminated()
                        .withReason("OOMKilled")
                        .withExitCode(137)
                        .endTerminated()
                        .endLastState()
                        .build()));
        return client.pods().resource(pod).updateStatus();
    }

    public void setStatus(String namespace, String name, int replicas, int ready) {
        StatefulSet statefulSet = statefulSet(namespace, name);
        statefulSet.setStatus(new StatefulSetStatusBuilder()
                .withReplicas(replicas)
                .withReadyReplicas(ready)
                .withAvailableReplicas(ready)
                .withCurrentReplicas(replicas)
                .withUpdatedReplicas(replicas)
                .build());
        client.apps().statefulSets().resource(statefulSet).updateStatus();
    }

    /** The claim the StatefulSet controller makes for pod {@code ordinal}, bound to a volume of the same size. */
    public PersistentVolumeClaim bindVolume(StatefulSet statefulSet, int ordinal) {
        PersistentVolumeClaim template =
                statefulSet.getSpec().getVolumeClaimTemplates().getFirst();
        String namespace = statefulSet.getMetadata().getNamespace();
        String claimName = template.getMetadata().getName() + "-"
                + statefulSet.getMetadata().getName() + "-" + ordinal;
        String volumeName = "pv-" + namespace + "-" + ordinal;
        Quantity size = template.getSpec().getResources().getRequests().get("storage");
        client.resource(new PersistentVolumeBuilder()
                        .withNewMetadata()
                        .withName(volumeName)
                        .endMetadata()
                        .withNewSpec()
                        .withCapacity(Map.of("storage", size))
                        .withAccessModes("ReadWriteOnce")
                        .withPersistentVolumeReclaimPolicy("Delete")
                        .withNewHostPath()
                        .withPath("/data/" + volumeName)
                        .endHostPath()
                        .endSpec()
                        .build())
                .create();
        return client.resource(new PersistentVolumeClaimBuilder()
                        .withNewMetadata()
                        .withNamespace(namespace)
                        .withName(claimName)
                        .withLabels(template.getMetadata().getLabels())
                        .endMetadata()
                        .withNewSpecLike(template.getSpec())
                        .withVolumeName(volumeName)
                        .endSpec()
                        .build())
                .create();
    }

    public static PodCondition ready() {
        return condition("Ready", "True", null, null);
    }

    public static PodCondition unschedulable(String message) {
        return condition("PodScheduled", "False", "Unschedulable", message);
    }

    public static PodCondition condition(String type, String status, String reason, String message) {
        return new PodConditionBuilder()
                .withType(type)
                .withStatus(status)
                .withReason(reason)
                .withMessage(message)
                .build();
    }
}
