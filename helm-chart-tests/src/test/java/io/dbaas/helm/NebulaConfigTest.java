package io.dbaas.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbaas.helm.support.ExampleValues;
import io.dbaas.helm.support.HelmChart;
import io.dbaas.helm.support.Manifests;
import io.fabric8.kubernetes.api.model.EnvVar;
import org.junit.jupiter.api.Test;

/** The regions of the values become Nebula's nebula.providers and Orion's catalog and capacity. */
class NebulaConfigTest {

    private final Manifests manifests = HelmChart.render(ExampleValues.MULTI_REGION);

    @Test
    void theHomeRegionIsRenderedInClusterWithItsSettings() {
        JsonNode region = manifests.springConfig("nebula").at("/nebula/providers/aws/regions/eu-west-1");

        assertThat(region.at("/kubernetes/in-cluster").asBoolean()).isTrue();
        assertThat(region.path("kubernetes").has("api-url")).isFalse();
        assertThat(region.path("storage-class").asText()).isEqualTo("gp3");
        assertThat(region.path("priority-class-name").asText()).isEqualTo("dbaas-databases");
        assertThat(region.path("exposure").asText()).isEqualTo("cluster-ip");
        assertThat(region.path("zones")).extracting(JsonNode::asText).containsExactly("eu-west-1a", "eu-west-1b");
        // In brackets, so that Spring keeps the dots and the slash of the annotation's name.
        assertThat(region.at("/service-annotations")
                        .path("[service.beta.kubernetes.io/aws-load-balancer-internal]")
                        .asText())
                .isEqualTo("true");
    }

    @Test
    void aRemoteRegionGetsItsApiUrlAndItsTokenFromASecretThroughThEnvironment() {
        JsonNode region = manifests.springConfig("nebula").at("/nebula/providers/gcp/regions/europe-west4");

        assertThat(region.at("/kubernetes/api-url").asText()).isEqualTo("https://34.90.0.10");
        assertThat(region.at("/kubernetes/token").asText()).isEqualTo("${NEBULA_REGION_1_TOKEN}");
        assertThat(region.path("exposure").asText()).isEqualTo("load-balancer");
        assertThat(region.path("priority-class-name").asText())
                .as("none unless named")
                .isEmpty();
        assertThat(region.at("/gatekeeper/ip-blocks/0").asText()).isEqualTo("203.0.113.0/24");
        EnvVar token = manifests.container("nebula").getEnv().stream()
                .filter(variable -> variable.getName().equals("NEBULA_REGION_1_TOKEN"))
                .findFirst()
                .orElseThrow();
        assertThat(token.getValueFrom().getSecretKeyRef().getName()).isEqualTo("dbaas-gcp-europe-west4-token");
        assertThat(token.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("token");
    }

    @Test
    void nebulaAdmitsTheChartsOwnGateKeeperPodsByDefault() {
        JsonNode peers = manifests.springConfig("nebula").at("/nebula/gatekeeper");

        assertThat(peers.at("/namespace-selector")
                        .path("[kubernetes.io/metadata.name]")
                        .asText())
                .isEqualTo(HelmChart.NAMESPACE);
        assertThat(peers.at("/pod-selector").path("[app.kubernetes.io/name]").asText())
                .isEqualTo("gatekeeper-proxy");
        assertThat(peers.at("/pod-selector")
                        .path("[app.kubernetes.io/instance]")
                        .asText())
                .isEqualTo(HelmChart.RELEASE);
        assertThat(manifests
                        .deployment("gatekeeper")
                        .getSpec()
                        .getTemplate()
                        .getMetadata()
                        .getLabels())
                .containsEntry("app.kubernetes.io/name", "gatekeeper-proxy")
                .containsEntry("app.kubernetes.io/instance", HelmChart.RELEASE);
    }

    @Test
    void noClusterIsScrapedUnlessAMonitoringNamespaceIsNamed() {
        JsonNode nebula = manifests.springConfig("nebula").path("nebula");

        assertThat(nebula.has("monitoring")).isFalse();
        assertThat(nebula.at("/providers/aws/regions/eu-west-1").has("monitoring"))
                .isFalse();
        assertThat(nebula.at("/providers/aws/regions/eu-west-1").has("prometheus-operator"))
                .isFalse();
    }

    @Test
    void theClusterScraperAndARegionsPrometheusOperatorReachNebula() {
        Manifests scraped = HelmChart.render(
                "nebula: {clusterScraper: {namespaceSelector: {kubernetes.io/metadata.name: monitoring},"
                        + " podSelector: {app.kubernetes.io/name: prometheus}}}",
                "regions: [{provider: aws, region: eu-west-1, kubernetes: {inCluster: true}, prometheusOperator: true,"
                        + " clusterScraper: {namespaceSelector: {kubernetes.io/metadata.name: observability}}}]");
        JsonNode nebula = scraped.springConfig("nebula").path("nebula");

        assertThat(nebula.at("/monitoring/namespace-selector")
                        .path("[kubernetes.io/metadata.name]")
                        .asText())
                .isEqualTo("monitoring");
        assertThat(nebula.at("/monitoring/pod-selector")
                        .path("[app.kubernetes.io/name]")
                        .asText())
                .isEqualTo("prometheus");
        JsonNode region = nebula.at("/providers/aws/regions/eu-west-1");
        assertThat(region.path("prometheus-operator").asBoolean()).isTrue();
        assertThat(region.at("/monitoring/namespace-selector")
                        .path("[kubernetes.io/metadata.name]")
                        .asText())
                .isEqualTo("observability");
    }

    @Test
    void orionOffersTheSameRegionsAndSizesThoseWithACapacity() {
        JsonNode orion = manifests.springConfig("orion").path("orion");

        assertThat(orion.at("/catalog/providers/aws/regions"))
                .extracting(JsonNode::asText)
                .containsExactly("eu-west-1");
        assertThat(orion.at("/catalog/providers/gcp/regions"))
                .extracting(JsonNode::asText)
                .containsExactly("europe-west4");
        assertThat(orion.at("/capacity/providers/aws/eu-west-1/cpu").asText()).isEqualTo("64");
        assertThat(orion.at("/capacity/providers/aws/eu-west-1/memory").asText())
                .isEqualTo("256Gi");
        assertThat(orion.at("/capacity/providers/gcp").isMissingNode()).isTrue();
        assertThat(orion.path("endpoint-domain").asText()).isEqualTo("dbaas.example.org");
        assertThat(manifests.springConfig("gatekeeper").at("/gatekeeper/domain").asText())
                .isEqualTo("dbaas.example.org");
    }

    @Test
    void kafkaAndTopicSettingsReachEveryService() {
        for (String component : new String[] {"orion", "nebula", "gatekeeper"}) {
            JsonNode kafka = manifests.springConfig(component).at("/spring/kafka");
            assertThat(kafka.path("bootstrap-servers").asText()).isEqualTo("dbaas-kafka-bootstrap.kafka:9093");
            assertThat(kafka.at("/properties").path("[security.protocol]").asText())
                    .isEqualTo("SASL_SSL");
            assertThat(kafka.at("/properties").path("[sasl.jaas.config]").asText())
                    .isEqualTo("${DBAAS_KAFKA_SECRET_PROPERTY_0}");
        }
        assertThat(manifests
                        .springConfig("orion")
                        .at("/dbaas/kafka/replication-factor")
                        .asInt())
                .isEqualTo(3);
        assertThat(manifests
                        .springConfig("nebula")
                        .at("/nebula/topics/replicas")
                        .asInt())
                .isEqualTo(3);
    }

    @Test
    void nebulaSharesOrionsDatabaseUnlessToldOtherwise() {
        assertThat(manifests.springConfig("nebula").at("/spring/datasource/url").asText())
                .isEqualTo(manifests
                        .springConfig("orion")
                        .at("/spring/datasource/url")
                        .asText())
                .isEqualTo("jdbc:postgresql://dbaas-postgres-rw.postgres:5432/dbaas");

        Manifests own = HelmChart.render("nebula: {database: {url: \"jdbc:postgresql://nebula-rw:5432/nebula\"}}");
        assertThat(own.springConfig("nebula").at("/spring/datasource/url").asText())
                .isEqualTo("jdbc:postgresql://nebula-rw:5432/nebula");
    }

    @Test
    void theConfigurationIsReadAsAnAdditionalLocationAndAChangeRollsThePods() {
        assertThat(manifests.container("nebula").getEnv()).anySatisfy(variable -> {
            assertThat(variable.getName()).isEqualTo("SPRING_CONFIG_ADDITIONAL_LOCATION");
            assertThat(variable.getValue()).isEqualTo("file:/etc/dbaas/config/application.yaml");
        });
        String before = checksum(HelmChart.render());
        String after =
                checksum(HelmChart.render("regions: [{provider: onprem, region: dc1, kubernetes: {inCluster: true}}]"));
        assertThat(after).isNotEqualTo(before);
    }

    private static String checksum(Manifests manifests) {
        return manifests
                .deployment("nebula")
                .getSpec()
                .getTemplate()
                .getMetadata()
                .getAnnotations()
                .get("checksum/config");
    }

    @Test
    void aRegionsBackupStorageReachesNebulaWithTheSecretInTheReleaseNamespaceByDefault() {
        JsonNode home = manifests.springConfig("nebula").at("/nebula/providers/aws/regions/eu-west-1/backup-storage");

        assertThat(home.path("type").asText()).isEqualTo("s3");
        assertThat(home.path("bucket").asText()).isEqualTo("dbaas-backups-eu-west-1");
        assertThat(home.path("region").asText()).isEqualTo("eu-west-1");
        assertThat(home.path("endpoint").asText()).isEmpty();
        assertThat(home.path("path-prefix").asText()).isEqualTo("prod");
        assertThat(home.path("credentials-secret").asText()).isEqualTo("dbaas-backup-credentials");
        assertThat(home.path("credentials-namespace").asText()).isEqualTo(HelmChart.NAMESPACE);
        assertThat(manifests
                        .springConfig("nebula")
                        .at("/nebula/providers/gcp/regions/europe-west4")
                        .has("backup-storage"))
                .as("none unless named")
                .isFalse();
    }

    @Test
    void anNfsRegionReachesNebulaWithItsExportAndNoCredentials() {
        JsonNode storage =
                HelmChart.render("""
                        regions:
                          - provider: onprem
                            region: dc1
                            kubernetes: {inCluster: true}
                            backupStorage: {type: nfs, server: nfs.storage.internal, path: /exports/dbaas, pathPrefix: dc1}
                        """).springConfig("nebula").at("/nebula/providers/onprem/regions/dc1/backup-storage");

        assertThat(storage.path("type").asText()).isEqualTo("nfs");
        assertThat(storage.path("server").asText()).isEqualTo("nfs.storage.internal");
        assertThat(storage.path("path").asText()).isEqualTo("/exports/dbaas");
        assertThat(storage.path("path-prefix").asText()).isEqualTo("dc1");
        assertThat(storage.has("credentials-secret")).isFalse();
        assertThat(storage.has("bucket")).isFalse();
    }
}
