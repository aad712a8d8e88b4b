package io.dbaas.nebula.kubernetes.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.nebula.infrastructure.DBClusterSpecs;
import io.dbaas.nebula.infrastructure.TestSpecs;
import io.dbaas.nebula.kubernetes.apply.Appliers;
import io.dbaas.nebula.kubernetes.blueprint.ElasticsearchBlueprint;
import io.dbaas.nebula.kubernetes.model.ResourceNames;
import io.dbaas.nebula.kubernetes.reconcile.ClusterReconciler;
import io.dbaas.nebula.security.tls.CertificateAuthority;
import io.dbaas.nebula.support.NebulaDatabase;
import io.fabric8.kubernetes.api.model.Pod;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Day-two work on a real cluster that must not take it down: its node certificate renewed and reloaded by every node
 * while clients keep calling, and a pod recreated while Nebula is away.
 */
class ElasticsearchMaintenanceIT extends RealElasticsearchTest {

    @Test
    void aRenewedCertificateIsReloadedByEveryNodeWithoutAnOutage() throws Exception {
        // Certificates issued two years ago: the node certificate (valid three years) is due for renewal now.
        Duration age = CertificateAuthority.NODE_VALIDITY.minus(CertificateAuthority.NODE_RENEWAL);
        UUID clusterId = UUID.randomUUID();
        reconcile(clusterId, Clock.offset(Clock.systemUTC(), age.negated()));
        try (var pods = standIn(clusterId)) {
            pods.awaitAllReady(TIMEOUT);
            RealNodes nodes = new RealNodes(client, clusterId);
            List<BigInteger> before = List.of(nodes.servedCertificate(0), nodes.servedCertificate(1));
            AtomicInteger calls = new AtomicInteger();
            AtomicInteger failures = new AtomicInteger();
            AtomicReference<String> failure = new AtomicReference<>("");
            AtomicBoolean calling = new AtomicBoolean(true);
            Thread client = Thread.ofVirtual().start(() -> {
                while (calling.get()) {
                    int ordinal = calls.getAndIncrement() % 3;
                    try {
                        var health = nodes.send(ordinal, "GET", "_cluster/health?local=true", null);
                        if (health.statusCode() != 200) {
                            failures.incrementAndGet();
                            failure.set(health.body());
                        }
                    } catch (RuntimeException e) {
                        failures.incrementAndGet();
                        failure.set(e.toString());
                    }
                }
            });

            // Nebula's next resync.
            reconcile(clusterId, Clock.systemUTC());

            pods.await("every node to serve the renewed certificate", TIMEOUT, () -> {
                for (int ordinal = 0; ordinal < 3; ordinal++) {
                    if (before.contains(nodes.servedCertificate(ordinal))) {
                        return false;
                    }
                }
                return true;
            });
            int renewedAt = calls.get();
            pods.await("twenty more calls", TIMEOUT, () -> calls.get() > renewedAt + 20);
            calling.set(false);
            client.join();

            assertThat(failures.get())
                    .as("failed calls of %d: %s", calls.get(), failure.get())
                    .isZero();
            assertThat(pods.readyPods()).isEqualTo(3);
            assertThat(nodes.get(0, "_cluster/health").get("number_of_nodes").asInt())
                    .isEqualTo(3);
        }
    }

    private void reconcile(UUID clusterId, Clock clock) {
        DBClusterSpecs cluster = TestSpecs.copy(TestSpecs.elasticsearch(clusterId, 3))
                .version(version())
                .memory("1Gi")
                .build();
        ClusterReconciler.reconcile(
                new Appliers(client),
                new ElasticsearchBlueprint(properties, clock).render(cluster, region),
                NebulaDatabase.vault().forCluster(clusterId));
    }

    @Test
    void aPodRecreatedWhileNebulaIsDownStartsInTheZoneItsVolumeRemembers() {
        UUID clusterId = provision(3);
        try (var pods = standIn(clusterId)) {
            pods.awaitAllReady(TIMEOUT);
            RealNodes nodes = new RealNodes(client, clusterId);
            String zone = nodes.get(2, "_nodes/_local?filter_path=nodes.*.attributes.zone")
                    .findValue("zone")
                    .asString();
            assertThat(zone).isEqualTo(ZONES.get(2));

            stopZoneAnnotations();
            pods.await("pod 2 to be evicted", TIMEOUT, () -> pods.evict(2));
            pods.awaitAllReady(TIMEOUT);

            Pod recreated = client.pods()
                    .inNamespace(ResourceNames.namespace(clusterId))
                    .withName("elasticsearch-2")
                    .get();
            Map<String, String> annotations = recreated.getMetadata().getAnnotations();
            assertThat(annotations).doesNotContainKey("topology.kubernetes.io/zone");
            assertThat(nodes.get(2, "_nodes/_local?filter_path=nodes.*.attributes.zone")
                            .findValue("zone")
                            .asString())
                    .isEqualTo(zone);
        }
    }
}
