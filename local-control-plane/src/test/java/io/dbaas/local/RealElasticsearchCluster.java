package io.dbaas.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dbaas.testsupport.elasticsearch.JobStandIn;
import io.dbaas.testsupport.elasticsearch.StatefulSetStandIn;
import io.fabric8.kubernetes.api.model.LoadBalancerIngressBuilder;
import io.fabric8.kubernetes.api.model.ServiceStatusBuilder;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A cluster of this product: claimed in the region that keeps backups on an NFS export ({@link RegionBackups}), its nodes run by a {@link StatefulSetStandIn} (the region's NFS export mounted
 * where Nebula's pods ask for it), its backup agent's Jobs by a {@link JobStandIn}, its client Service given the
 * stand-in's address as its load balancer's, and two API keys.
 */
record RealElasticsearchCluster(
        String id,
        String endpoint,
        StatefulSetStandIn pods,
        JobStandIn jobs,
        Map<String, String> readWrite,
        Map<String, String> readOnly)
        implements AutoCloseable {

    static final Duration PATIENCE = Duration.ofMinutes(4);

    static RealElasticsearchCluster claim(ControlPlaneUnderTest controlPlane, String name, String version, int nodes) {
        return claim(controlPlane, name, version, nodes, null);
    }

    /**
     * As the other {@code claim}, starting from backup {@code restoreFrom} when one is named: the cluster is RUNNING only
     * once Nebula's restore Job, run here by the Job stand-in, restored it.
     */
    static RealElasticsearchCluster claim(
            ControlPlaneUnderTest controlPlane, String name, String version, int nodes, @Nullable String restoreFrom) {
        Orion orion = controlPlane.orion();
        String restore =
                restoreFrom == null ? "" : ", \"restore_from\": {\"backup_id\": \"%s\"}".formatted(restoreFrom);
        HttpResponse<String> claimed = orion.post("/v1/clusters", """
                {"name": "%s", "engine": "elasticsearch", "version": "%s", "nodes": %d, "cpu": "500m",
                 "memory": "1Gi", "disk": "2Gi", "provider": "%s", "region": "%s"%s}""".formatted(
                        name, version, nodes, RegionBackups.PROVIDER, RegionBackups.REGION, restore));
        assertThat(claimed.statusCode()).as(claimed.body()).isEqualTo(202);
        String id = Http.json(claimed).get("id").asString();
        String namespace = KubernetesControllers.namespaceOf(id);
        KubernetesControllers kubernetes = controlPlane.kubernetes();
        kubernetes.awaitStatefulSet(namespace, "elasticsearch", statefulSet -> true);
        Path directory = Path.of("target", "elasticsearch-pods", id).toAbsolutePath();
        RegionBackups backups = controlPlane.backups();
        StatefulSetStandIn pods = StatefulSetStandIn.start(
                kubernetes.client(),
                namespace,
                "elasticsearch",
                directory,
                List.of("zone-a", "zone-b", "zone-c"),
                new StatefulSetStandIn.ServicePort("elasticsearch", 9200),
                backups.exports());
        JobStandIn jobs = JobStandIn.start(
                kubernetes.client(), namespace, directory.resolve("jobs"), backups.images(), backups.exports());
        try {
            String address = pods.service().orElseThrow().address();
            // The load-balancer controller: the client Service's address is the Service stand-in's.
            kubernetes
                    .client()
                    .services()
                    .inNamespace(namespace)
                    .withName("elasticsearch")
                    .editStatus(service -> {
                        service.setStatus(new ServiceStatusBuilder()
                                .withNewLoadBalancer()
                                .withIngress(new LoadBalancerIngressBuilder()
                                        .withIp(address)
                                        .build())
                                .endLoadBalancer()
                                .build());
                        return service;
                    });
            JsonNode running = await().atMost(PATIENCE)
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> orion.cluster(id), found -> "RUNNING"
                            .equals(found.get("state").asString()));
            String endpoint = running.get("endpoint").asString();
            Map<String, String> readWrite = Map.of("api-key", key(orion, id, "read-write"));
            Map<String, String> readOnly = Map.of("api-key", key(orion, id, "read-only"));
            GateKeeper gatekeeper = controlPlane.gatekeeper();
            // GateKeeper learns of the cluster from its own events, and the nodes reload a certificate naming the
            // load balancer's address within seconds of Nebula issuing it.
            await().atMost(PATIENCE)
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> gatekeeper
                                    .get(endpoint, "/_cluster/health", readWrite)
                                    .statusCode()
                            == 200);
            return new RealElasticsearchCluster(id, endpoint, pods, jobs, readWrite, readOnly);
        } catch (RuntimeException | Error e) {
            jobs.close();
            pods.close();
            throw e;
        }
    }

    private static String key(Orion orion, String id, String scope) {
        HttpResponse<String> issued = orion.post(
                "/v1/clusters/" + id + "/api-keys", "{\"name\": \"%s\", \"scope\": \"%s\"}".formatted(scope, scope));
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        return Http.json(issued).get("key").asString();
    }

    @Override
    public void close() {
        jobs.close();
        pods.close();
    }
}
