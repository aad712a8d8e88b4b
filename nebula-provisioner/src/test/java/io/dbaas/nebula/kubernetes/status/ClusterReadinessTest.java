package io.dbaas.nebula.kubernetes.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.contracts.event.ServiceAddress;
import io.dbaas.nebula.config.Exposure;
import io.dbaas.nebula.config.GatekeeperPeers;
import io.dbaas.nebula.config.TestRegions;
import io.dbaas.nebula.infrastructure.TestSpecs;
import io.dbaas.nebula.kubernetes.blueprint.QdrantBlueprint;
import io.dbaas.nebula.kubernetes.blueprint.TestBlueprints;
import io.dbaas.nebula.kubernetes.model.QdrantCluster;
import io.dbaas.nebula.region.Region;
import io.dbaas.nebula.region.RegionId;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ClusterReadinessTest {

    private static final QdrantBlueprint QDRANT = TestBlueprints.qdrant();
    private static final UUID CLUSTER_ID = UUID.fromString("3f1c2b9a-8d4e-4f6a-b2c1-0a9e8d7c6b5a");

    @Test
    void aClusterIsNotReadyUntilEveryReplicaIs() {
        Region region = region(Exposure.CLUSTER_IP);

        assertThat(ClusterReadiness.evaluate(statefulSet(region, null), null, region, QDRANT))
                .isEmpty();
        assertThat(ClusterReadiness.evaluate(statefulSet(region, 2), null, region, QDRANT))
                .isEmpty();
        assertThat(ClusterReadiness.evaluate(statefulSet(region, 3), null, region, QDRANT))
                .isPresent();
    }

    @Test
    void clusterIpExposureAnnouncesTheInClusterServiceName() {
        Region region = region(Exposure.CLUSTER_IP);

        ReadyCluster ready = ClusterReadiness.evaluate(statefulSet(region, 3), null, region, QDRANT)
                .orElseThrow();

        assertThat(ready.internalAddress())
                .isEqualTo(new ServiceAddress("https", "qdrant.dbaas-" + CLUSTER_ID + ".svc.cluster.local", 6333));
        assertThat(ready.nodesReady()).isEqualTo(3);
        assertThat(ready.endpoint()).isEqualTo(TestSpecs.qdrant(CLUSTER_ID).endpoint());
        assertThat(ready.commandId()).isEqualTo(TestSpecs.qdrant(CLUSTER_ID).commandId());
    }

    @Test
    void aQdrantClusterIsAnnouncedOverHttpsOnlyOnceEveryPodServesTls() {
        Region region = region(Exposure.CLUSTER_IP);
        StatefulSet statefulSet = statefulSet(region, 3);
        Pod current = pod(statefulSet, 0, true);
        Pod renderedBeforeTls = pod(statefulSet, 1, false);

        assertThat(scheme(statefulSet, List.of(current, pod(statefulSet, 1, true)), region))
                .isEqualTo("https");
        assertThat(scheme(statefulSet, List.of(current, renderedBeforeTls), region))
                .as("a pod rendered before Qdrant TLS still serves plain HTTP, and GateKeeper may reach it")
                .isEqualTo("http");
        assertThat(scheme(statefulSet, List.of(renderedBeforeTls), region)).isEqualTo("http");
    }

    @Test
    void loadBalancerExposureWaitsForAnIngressAddress() {
        Region region = region(Exposure.LOAD_BALANCER);
        StatefulSet ready = statefulSet(region, 3);
        Service service = QdrantCluster.fromSpecs(
                        TestSpecs.qdrant(CLUSTER_ID), region.properties(), GatekeeperPeers.DEFAULT)
                .generateClientService();

        assertThat(ClusterReadiness.evaluate(ready, null, region, QDRANT)).isEmpty();
        assertThat(ClusterReadiness.evaluate(ready, service, region, QDRANT)).isEmpty();

        service.setStatus(new ServiceStatusBuilder()
                .withNewLoadBalancer()
                .addNewIngress()
                .withHostname("internal-lb.elb.example")
                .endIngress()
                .endLoadBalancer()
                .build());
        assertThat(ClusterReadiness.evaluate(ready, service, region, QDRANT)
                        .orElseThrow()
                        .internalAddress())
                .isEqualTo(new ServiceAddress("https", "internal-lb.elb.example", 6333));
    }

    @Test
    void aStatefulSetOfAnotherRegionOnTheSameApiIsIgnored() {
        Region region = region(Exposure.CLUSTER_IP);
        Region other = new Region(new RegionId("kind", "local"), region.properties());

        assertThat(ClusterReadiness.evaluate(statefulSet(region, 3), null, other, QDRANT))
                .isEmpty();
    }

    private static String scheme(StatefulSet statefulSet, List<Pod> pods, Region region) {
        return ClusterReadiness.evaluate(statefulSet, null, pods, region, QDRANT)
                .orElseThrow()
                .internalAddress()
                .scheme();
    }

    /** Pod {@code ordinal} from the template, or as a Nebula without Qdrant TLS rendered it. */
    private static Pod pod(StatefulSet statefulSet, int ordinal, boolean tls) {
        Pod pod = new PodBuilder()
                .withNewMetadata()
                .withName("qdrant-" + ordinal)
                .endMetadata()
                .withSpec(new PodSpecBuilder(statefulSet.getSpec().getTemplate().getSpec()).build())
                .build();
        if (!tls) {
            pod.getSpec()
                    .getContainers()
                    .getFirst()
                    .getEnv()
                    .removeIf(env -> env.getName().startsWith("QDRANT__TLS__")
                            || env.getName().endsWith("ENABLE_TLS"));
        }
        return pod;
    }

    private static StatefulSet statefulSet(Region region, Integer readyReplicas) {
        StatefulSet statefulSet = QdrantCluster.fromSpecs(
                        TestSpecs.qdrant(CLUSTER_ID, 3), region.properties(), GatekeeperPeers.DEFAULT)
                .generateStatefulSet();
        statefulSet.setStatus(new StatefulSetStatusBuilder()
                .withReplicas(3)
                .withReadyReplicas(readyReplicas)
                .build());
        return statefulSet;
    }

    private static Region region(Exposure exposure) {
        return new Region(
                new RegionId("minikube", "local"),
                TestRegions.region().exposure(exposure).build());
    }
}
