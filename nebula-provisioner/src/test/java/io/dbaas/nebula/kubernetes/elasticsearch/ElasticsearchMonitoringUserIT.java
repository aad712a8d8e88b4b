package io.dbaas.nebula.kubernetes.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.nebula.config.MonitoringPeers;
import io.dbaas.nebula.kubernetes.model.ElasticsearchNames;
import io.dbaas.nebula.kubernetes.model.ResourceNames;
import io.dbaas.nebula.kubernetes.model.SecretEntries;
import io.fabric8.kubernetes.api.model.Secret;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A scraped cluster's monitoring user on a real node, with the credential the metrics exporter reads from its Secret:
 * it reads what the exporter needs (cluster health and settings, every node's statistics) and is refused every write
 * and every document.
 */
class ElasticsearchMonitoringUserIT extends RealElasticsearchTest {

    @Override
    MonitoringPeers monitoring() {
        return new MonitoringPeers(Map.of("kubernetes.io/metadata.name", "monitoring"), Map.of());
    }

    @Test
    void theExportersUserReadsStatisticsAndIsRefusedWritesAndDocuments() {
        UUID clusterId = provision(1);
        try (var pods = standIn(clusterId)) {
            pods.awaitAllReady(TIMEOUT);
            RealNodes elastic = new RealNodes(client, clusterId);
            assertThat(elastic.send(0, "PUT", "orders/_doc/1?refresh=true", "{\"total\": 12}")
                            .statusCode())
                    .isEqualTo(201);
            Secret credential = client.secrets()
                    .inNamespace(ResourceNames.namespace(clusterId))
                    .withName(ElasticsearchNames.MONITORING_USER_SECRET)
                    .get();
            RealNodes monitor = RealNodes.as(
                    client,
                    clusterId,
                    SecretEntries.read(credential, ElasticsearchNames.MONITORING_USERNAME_ENTRY)
                            .orElseThrow(),
                    SecretEntries.read(credential, ElasticsearchNames.MONITORING_PASSWORD_ENTRY)
                            .orElseThrow());

            JsonNode health = monitor.get(0, "_cluster/health");
            assertThat(health.get("number_of_nodes").asInt()).isEqualTo(1);
            JsonNode stats = monitor.get(0, "_nodes/stats");
            assertThat(stats.get("nodes").size()).isEqualTo(1);
            monitor.get(0, "_cluster/settings?include_defaults=true&filter_path=defaults.cluster.routing");
            monitor.get(0, "_stats");

            assertRefused(monitor.send(0, "PUT", "orders/_doc/2", "{\"total\": 1}"));
            assertRefused(monitor.send(0, "PUT", "scraper-made", null));
            assertRefused(monitor.send(
                    0,
                    "PUT",
                    "_cluster/settings",
                    "{\"persistent\": {\"cluster.routing.allocation.enable\": \"none\"}}"));
            assertRefused(monitor.send(0, "GET", "orders/_doc/1", null));
            assertRefused(monitor.send(0, "POST", "orders/_search", "{}"));
            assertThat(elastic.send(0, "GET", "orders/_doc/2", null).statusCode())
                    .isEqualTo(404);
        }
    }

    private static void assertRefused(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(response.body()).contains("security_exception");
    }
}
