package io.dbaas.nebula;

import static org.awaitility.Awaitility.await;

import io.dbaas.contracts.command.ProvisionDBCluster;
import io.dbaas.contracts.event.ClusterDegraded;
import io.dbaas.contracts.event.ClusterEvent;
import io.dbaas.contracts.event.ClusterProvisioned;
import io.dbaas.contracts.event.ClusterRecovered;
import io.dbaas.nebula.kubernetes.model.ResourceNames;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A running one-node cluster of its own in a region, whose only purpose is to tell when the region's watch has caught
 * up. The watch handles the events of each kind of object in order, and publishes what it decides from a single
 * thread per region, and its restores run one after the other: so once a change made to the sentinel now has been
 * announced (or restored), everything that happened in the region before it has been handled too. A scenario that must
 * show that something does not happen waits for that, never for a fixed time.
 */
final class WatchSentinel {

    /** One sentinel per region for the whole test JVM: Nebula's context, and with it the watch, is shared. */
    private static final Map<String, ProvisionDBCluster> SENTINELS = new ConcurrentHashMap<>();

    private static final AtomicInteger CRASHES = new AtomicInteger();
    private static final String POD = ResourceNames.QDRANT_STATEFUL_SET + "-0";

    private final NebulaScenario scenario;
    private final KubernetesClient kubernetes;
    private final UUID clusterId;
    private final String namespace;

    private WatchSentinel(NebulaScenario scenario, ProvisionDBCluster sentinel) {
        this.scenario = scenario;
        this.kubernetes = scenario.kubernetes;
        this.clusterId = sentinel.clusterId();
        this.namespace = ResourceNames.namespace(sentinel.clusterId());
    }

    static WatchSentinel of(NebulaScenario scenario, String provider, String region) {
        ProvisionDBCluster sentinel =
                SENTINELS.computeIfAbsent(provider + "/" + region, key -> start(scenario, provider, region));
        return new WatchSentinel(scenario, sentinel);
    }

    /** Provisions the sentinel and plays the kubelet (and the cloud's load balancer, where there is one) until it runs. */
    private static ProvisionDBCluster start(NebulaScenario scenario, String provider, String region) {
        ProvisionDBCluster command = ClusterCommands.provision(provider, region, 1);
        scenario.send(command);
        String namespace = ResourceNames.namespace(command.clusterId());
        scenario.awaitStatefulSet(namespace);
        scenario.kubelet.runAllReady(namespace, ResourceNames.QDRANT_STATEFUL_SET);
        Service service = scenario.kubernetes
                .services()
                .inNamespace(namespace)
                .withName(ResourceNames.QDRANT_CLIENT_SERVICE)
                .get();
        if ("LoadBalancer".equals(service.getSpec().getType())) {
            service.setStatus(new ServiceStatusBuilder()
                    .withNewLoadBalancer()
                    .addNewIngress()
                    .withIp("127.0.0.1")
                    .endIngress()
                    .endLoadBalancer()
                    .build());
            scenario.kubernetes.services().resource(service).updateStatus();
        }
        scenario.awaitEvent(command.clusterId(), ClusterProvisioned.class);
        scenario.awaitAnnounced(namespace, command.id());
        return command;
    }

    /**
     * Degrades the sentinel through its StatefulSet (no node ready), degrades it again through its pod (a crash loop,
     * with a restart count never used before, so the reason is new), and recovers it through its StatefulSet: the
     * StatefulSet and Pod watches, and the region's announcements, have then handled everything that came before.
     */
    void awaitCaughtUp() {
        int degradations = count(ClusterDegraded.class);
        int recoveries = count(ClusterRecovered.class);
        scenario.kubelet.setStatus(namespace, ResourceNames.QDRANT_STATEFUL_SET, 1, 0);
        awaitCount(ClusterDegraded.class, degradations + 1);
        // Pod problems count only while the StatefulSet is short of ready nodes.
        scenario.kubelet.crashLoop(namespace, POD, CRASHES.incrementAndGet());
        awaitCount(ClusterDegraded.class, degradations + 2);
        scenario.kubelet.setStatus(namespace, ResourceNames.QDRANT_STATEFUL_SET, 1, 1);
        awaitCount(ClusterRecovered.class, recoveries + 1);
    }

    /**
     * As {@link #awaitCaughtUp}, then deletes two of the sentinel's objects by hand and waits until both are back: every
     * restore asked for before has run. Caught up once more at the end, as a restore may announce what it found.
     */
    void awaitRestoresCaughtUp() {
        awaitCaughtUp();
        awaitRestored();
        awaitCaughtUp();
    }

    private void awaitRestored() {
        kubernetes
                .network()
                .v1()
                .networkPolicies()
                .inNamespace(namespace)
                .withName(ResourceNames.QDRANT_NETWORK_POLICY)
                .delete();
        kubernetes
                .configMaps()
                .inNamespace(namespace)
                .withName(ResourceNames.QDRANT_CONFIG_MAP)
                .delete();
        await().atMost(NebulaScenario.PATIENCE)
                .until(() -> kubernetes
                                        .network()
                                        .v1()
                                        .networkPolicies()
                                        .inNamespace(namespace)
                                        .withName(ResourceNames.QDRANT_NETWORK_POLICY)
                                        .get()
                                != null
                        && kubernetes
                                        .configMaps()
                                        .inNamespace(namespace)
                                        .withName(ResourceNames.QDRANT_CONFIG_MAP)
                                        .get()
                                != null);
    }

    private void awaitCount(Class<? extends ClusterEvent> type, int count) {
        await().atMost(NebulaScenario.PATIENCE).until(() -> count(type) >= count);
    }

    private int count(Class<? extends ClusterEvent> type) {
        return NebulaScenario.eventsOf(clusterId, type).size();
    }
}
