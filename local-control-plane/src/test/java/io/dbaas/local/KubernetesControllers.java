package io.dbaas.local;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.LoadBalancerIngressBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Plays, on the mock API server, what a real Kubernetes cluster does by itself and the mock does not: the StatefulSet
 * controller and the kubelet (pods from the template, ready), the load-balancer controller (an address on the client
 * Service: that of the cluster's listener of the {@link RecordingUpstream}, which serves the certificate Nebula issued
 * to the cluster), and the namespace controller (a namespace being deleted stays until it is emptied). Qdrant clusters
 * only: the objects are named as Nebula names a Qdrant cluster's.
 */
final class KubernetesControllers {

    static final String STATEFUL_SET = "qdrant";
    static final String CLIENT_SERVICE = "qdrant";
    static final String MASTER_KEY_SECRET = "qdrant-master-key";
    /** The nodes' certificate and key, which Nebula issues from the cluster's own CA and Qdrant serves TLS with. */
    static final String CERTIFICATES_SECRET = "qdrant-certs";
    /**
     * A real API server keeps a deleted namespace {@code Terminating} while its controller empties it; the CRUD mock
     * deletes it at once unless the namespace carries a finalizer, which is how this class plays that controller.
     */
    private static final String NAMESPACE_CONTROLLER_FINALIZER = "dbaas.test/namespace-controller";

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final NamespacedKubernetesClient client;
    private final RecordingUpstream upstream;

    KubernetesControllers(NamespacedKubernetesClient client, RecordingUpstream upstream) {
        this.client = client;
        this.upstream = upstream;
    }

    /** The mock API server, as the controllers and kubelets a test plays itself use it. */
    NamespacedKubernetesClient client() {
        return client;
    }

    static String namespaceOf(String clusterId) {
        return "dbaas-" + clusterId;
    }

    @Nullable
    StatefulSet statefulSet(String namespace) {
        return statefulSet(namespace, STATEFUL_SET);
    }

    @Nullable
    StatefulSet statefulSet(String namespace, String name) {
        return client.apps()
                .statefulSets()
                .inNamespace(namespace)
                .withName(name)
                .get();
    }

    StatefulSet awaitStatefulSet(String namespace) {
        return awaitStatefulSet(namespace, statefulSet -> true);
    }

    StatefulSet awaitStatefulSet(String namespace, Predicate<StatefulSet> condition) {
        return awaitStatefulSet(namespace, STATEFUL_SET, condition);
    }

    StatefulSet awaitStatefulSet(String namespace, String name, Predicate<StatefulSet> condition) {
        return await().atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> statefulSet(namespace, name),
                        statefulSet -> statefulSet != null && condition.test(statefulSet));
    }

    @Nullable
    Namespace namespace(String namespace) {
        return client.namespaces().withName(namespace).get();
    }

    /**
     * Every replica of the StatefulSet as a pod from its current template, ready (replacing the pods of before), the
     * StatefulSet's status to match, and the client Service's load balancer at the address of the cluster's listener
     * of the upstream; returns once Nebula has issued a certificate naming that address, which the listener serves
     * from then on (a Qdrant node would read it again within {@code tls.cert_ttl}).
     */
    void runAllReady(String namespace) {
        String loadBalancerAddress = upstream.serve(namespace, () -> nodeCertificate(namespace));
        StatefulSet statefulSet = awaitStatefulSet(namespace);
        int replicas = statefulSet.getSpec().getReplicas();
        for (int ordinal = 0; ordinal < replicas; ordinal++) {
            runReadyPod(statefulSet, ordinal);
        }
        client.apps()
                .statefulSets()
                .inNamespace(namespace)
                .withName(STATEFUL_SET)
                .editStatus(current -> {
                    current.setStatus(new StatefulSetStatusBuilder()
                            .withReplicas(replicas)
                            .withReadyReplicas(replicas)
                            .withAvailableReplicas(replicas)
                            .withCurrentReplicas(replicas)
                            .withUpdatedReplicas(replicas)
                            .build());
                    return current;
                });
        client.services().inNamespace(namespace).withName(CLIENT_SERVICE).editStatus(current -> {
            current.setStatus(new ServiceStatusBuilder()
                    .withNewLoadBalancer()
                    .withIngress(new LoadBalancerIngressBuilder()
                            .withIp(loadBalancerAddress)
                            .build())
                    .endLoadBalancer()
                    .build());
            return current;
        });
        await().atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptions()
                .until(() -> nodeCertificate(namespace).namesIpAddress(loadBalancerAddress));
    }

    /** The certificate and key Nebula issued to the cluster's nodes, as they read them from their Secret. */
    ServerCertificate nodeCertificate(String namespace) {
        Secret secret = client.secrets()
                .inNamespace(namespace)
                .withName(CERTIFICATES_SECRET)
                .get();
        if (secret == null) {
            throw new IllegalStateException("Secret " + namespace + "/" + CERTIFICATES_SECRET + " is not there yet");
        }
        return ServerCertificate.from(secret);
    }

    /** From now on, deleting the namespace leaves it terminating until {@link #finishNamespaceDeletion} is called. */
    void holdNamespaceDeletion(String namespace) {
        client.namespaces().withName(namespace).edit(live -> new NamespaceBuilder(live)
                .editMetadata()
                .addToFinalizers(NAMESPACE_CONTROLLER_FINALIZER)
                .endMetadata()
                .build());
    }

    boolean isTerminating(String namespace) {
        Namespace live = namespace(namespace);
        return live != null && live.getMetadata().getDeletionTimestamp() != null;
    }

    /** The namespace was emptied: the controller lets the API server remove it. */
    void finishNamespaceDeletion(String namespace) {
        client.namespaces().withName(namespace).edit(live -> new NamespaceBuilder(live)
                .editMetadata()
                .removeFromFinalizers(NAMESPACE_CONTROLLER_FINALIZER)
                .endMetadata()
                .build());
    }

    /** The cluster's own credential, as Nebula stored it in the cluster's namespace. */
    String masterKey(String namespace) {
        Secret secret = client.secrets()
                .inNamespace(namespace)
                .withName(MASTER_KEY_SECRET)
                .get();
        return new String(Base64.getDecoder().decode(secret.getData().get("api-key")), StandardCharsets.UTF_8);
    }

    /** Pod {@code ordinal}, ready; one already running the template's containers is left as it is. */
    private void runReadyPod(StatefulSet statefulSet, int ordinal) {
        String namespace = statefulSet.getMetadata().getNamespace();
        String name = statefulSet.getMetadata().getName() + "-" + ordinal;
        Pod existing = client.pods().inNamespace(namespace).withName(name).get();
        if (existing != null
                && existing.getSpec()
                        .getContainers()
                        .equals(statefulSet.getSpec().getTemplate().getSpec().getContainers())) {
            return;
        }
        client.pods().inNamespace(namespace).withName(name).delete();
        Pod created = client.resource(new PodBuilder()
                        .withNewMetadata()
                        .withNamespace(namespace)
                        .withName(name)
                        .withLabels(statefulSet
                                .getSpec()
                                .getTemplate()
                                .getMetadata()
                                .getLabels())
                        .endMetadata()
                        .withSpec(statefulSet.getSpec().getTemplate().getSpec())
                        .build())
                .create();
        created.setStatus(new PodStatusBuilder()
                .withPhase("Running")
                .withConditions(new PodConditionBuilder()
                        .withType("Ready")
                        .withStatus("True")
                        .build())
                .build());
        client.pods().resource(created).updateStatus();
    }
}
