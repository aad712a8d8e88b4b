package io.dbaas.nebula.kubernetes.blueprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbaas.contracts.Engine;
import io.dbaas.kubernetes.schema.KubernetesSchemas;
import io.dbaas.nebula.config.MonitoringPeers;
import io.dbaas.nebula.config.NebulaProperties;
import io.dbaas.nebula.config.RegionProperties;
import io.dbaas.nebula.config.TestRegions;
import io.dbaas.nebula.infrastructure.TestSpecs;
import io.dbaas.nebula.kubernetes.model.DesiredCluster;
import io.dbaas.nebula.kubernetes.model.ElasticsearchCluster;
import io.dbaas.nebula.kubernetes.model.ElasticsearchExporter;
import io.dbaas.nebula.kubernetes.model.ElasticsearchNames;
import io.dbaas.nebula.kubernetes.model.GeneratedSecret;
import io.dbaas.nebula.kubernetes.model.GeneratedSecret.SecretInputs;
import io.dbaas.nebula.kubernetes.model.QdrantCluster;
import io.dbaas.nebula.kubernetes.model.ResourceNames;
import io.dbaas.nebula.kubernetes.model.SecretEntries;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.openshift.api.model.monitoring.v1.PodMetricsEndpoint;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The database clusters can be scraped by the platform's Prometheus and by nothing else: what a monitoring setting
 * admits and renders, what it does not, and which credential the scraper holds.
 */
class ClusterScrapingTest {

    private static final UUID CLUSTER_ID = UUID.fromString("6b1d0c4e-2f3a-4b5c-8d9e-0f1a2b3c4d5e");
    private static final Map<String, String> MONITORING_NAMESPACE = Map.of("kubernetes.io/metadata.name", "monitoring");
    private static final Map<String, String> PROMETHEUS_PODS = Map.of("app.kubernetes.io/name", "prometheus");
    private static final MonitoringPeers MONITORING = new MonitoringPeers(MONITORING_NAMESPACE, PROMETHEUS_PODS);
    private static final KubernetesSchemas SCHEMAS = KubernetesSchemas.strict();

    // ---- unset: nothing changes ----

    @Test
    void withoutAMonitoringSettingNoPolicyAdmitsAScraperAndNothingForMetricsIsRendered() {
        for (EngineBlueprint blueprint : blueprints(TestRegions.nebula("kubernetes", "home", operatorRegion()))) {
            DesiredCluster cluster =
                    blueprint.render(TestSpecs.of(blueprint.engine(), CLUSTER_ID, 3), operatorRegion());

            assertThat(cluster.networkPolicies()).singleElement().satisfies(policy -> assertThat(
                            policy.getSpec().getIngress())
                    .as("GateKeeper, the peers and the backup agent only")
                    .hasSize(3)
                    .noneMatch(rule -> rule.getFrom().stream().anyMatch(ClusterScrapingTest::isMonitoring)));
            assertThat(cluster.deployments()).isEmpty();
            assertThat(cluster.podMonitors()).isEmpty();
            assertThat(cluster.generatedSecrets())
                    .extracting(GeneratedSecret::name)
                    .doesNotContain(
                            ResourceNames.QDRANT_METRICS_READER_SECRET, ElasticsearchNames.MONITORING_USER_SECRET);
        }
    }

    @Test
    void withoutAMonitoringSettingTheRenderingIsTheOneBeforeScrapingExisted() {
        RegionProperties region = TestRegions.region().build();
        assertThat(QdrantCluster.fromSpecs(
                                TestSpecs.qdrant(CLUSTER_ID),
                                region,
                                TestRegions.nebula().gatekeeper(),
                                null)
                        .generateStatefulSet())
                .isEqualTo(QdrantCluster.fromSpecs(
                                TestSpecs.qdrant(CLUSTER_ID),
                                region,
                                TestRegions.nebula().gatekeeper())
                        .generateStatefulSet());
        assertThat(qdrantContainer(qdrant(null, false)).getEnv())
                .extracting(EnvVar::getName)
                .doesNotContain("QDRANT__SERVICE__READ_ONLY_API_KEY");
    }

    @Test
    void aMonitoringNamespaceMustBeNamedSinceAnEmptySelectorWouldAdmitEveryNamespace() {
        assertThatThrownBy(() -> new MonitoringPeers(Map.of(), PROMETHEUS_PODS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("namespace-selector");
    }

    @Test
    void aRegionsOwnMonitoringSettingWinsOverTheGlobalOne() {
        MonitoringPeers own = new MonitoringPeers(Map.of("kubernetes.io/metadata.name", "observability"), Map.of());
        RegionProperties region = TestRegions.region().monitoring(own).build();
        NebulaProperties properties = TestRegions.nebula("kubernetes", "home", region, MONITORING);

        assertThat(properties.monitoringFor(region)).contains(own);
        assertThat(properties.monitoringFor(TestRegions.region().build())).contains(MONITORING);
        assertThat(TestRegions.nebula().monitoringFor(region)).contains(own);
        assertThat(TestRegions.nebula().monitoringFor(TestRegions.region().build()))
                .isEmpty();
    }

    // ---- Qdrant ----

    @Test
    void qdrantAdmitsTheMonitoringNamespaceOnTheRestPortOnlyWhereMetricsAre() {
        NetworkPolicy policy = qdrant(MONITORING, false).generateNetworkPolicy();

        List<NetworkPolicyIngressRule> monitoringRules = rulesAdmittingMonitoring(policy);
        assertThat(monitoringRules).singleElement().satisfies(rule -> {
            assertThat(ports(rule)).containsExactly(QdrantCluster.HTTP_PORT);
            assertThat(rule.getFrom()).singleElement().satisfies(peer -> {
                assertThat(peer.getNamespaceSelector().getMatchLabels()).isEqualTo(MONITORING_NAMESPACE);
                assertThat(peer.getPodSelector().getMatchLabels()).isEqualTo(PROMETHEUS_PODS);
            });
        });
        // The p2p and gRPC ports stay closed to it.
        assertThat(ports(monitoringRules.getFirst())).doesNotContain(QdrantCluster.P2P_PORT, QdrantCluster.GRPC_PORT);
    }

    @Test
    void qdrantWithoutAPodSelectorAdmitsAnyPodOfTheMonitoringNamespaceButNoOtherNamespace() {
        NetworkPolicy policy = qdrant(new MonitoringPeers(MONITORING_NAMESPACE, Map.of()), false)
                .generateNetworkPolicy();

        assertThat(rulesAdmittingMonitoring(policy))
                .singleElement()
                .satisfies(rule -> assertThat(rule.getFrom()).singleElement().satisfies(peer -> {
                    assertThat(peer.getNamespaceSelector().getMatchLabels()).isEqualTo(MONITORING_NAMESPACE);
                    assertThat(peer.getPodSelector()).isNull();
                }));
    }

    @Test
    void qdrantIsScrapedWithAReadOnlyKeyOfItsOwnNeverTheMasterKey() {
        QdrantBlueprint blueprint =
                new QdrantBlueprint(TestRegions.nebula("kubernetes", "home", operatorRegion(), MONITORING));
        DesiredCluster cluster = blueprint.render(TestSpecs.qdrant(CLUSTER_ID), operatorRegion());

        GeneratedSecret reader = generated(cluster, ResourceNames.QDRANT_METRICS_READER_SECRET);
        Map<String, Secret> secrets = generateAll(cluster, "m".repeat(32));
        String readOnlyKey = SecretEntries.read(secrets.get(ResourceNames.QDRANT_METRICS_READER_SECRET), "api-key")
                .orElseThrow();
        assertThat(readOnlyKey).hasSize(32).isNotEqualTo("m".repeat(32));
        assertThat(reader.generate(new SecretInputs(Map.of(), List.of())))
                .isNotEqualTo(reader.generate(new SecretInputs(Map.of(), List.of())));

        Container qdrant = cluster.statefulSets()
                .getFirst()
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .getFirst();
        EnvVar readOnly = env(qdrant, "QDRANT__SERVICE__READ_ONLY_API_KEY");
        assertThat(readOnly.getValueFrom().getSecretKeyRef().getName())
                .isEqualTo(ResourceNames.QDRANT_METRICS_READER_SECRET);
        assertThat(env(qdrant, "QDRANT__SERVICE__API_KEY")
                        .getValueFrom()
                        .getSecretKeyRef()
                        .getName())
                .isEqualTo(ResourceNames.QDRANT_MASTER_KEY_SECRET);

        PodMetricsEndpoint endpoint = cluster.podMonitors()
                .getFirst()
                .getSpec()
                .getPodMetricsEndpoints()
                .getFirst();
        assertThat(endpoint.getPort()).isEqualTo("http");
        assertThat(endpoint.getPath()).isEqualTo("/metrics");
        assertThat(endpoint.getScheme()).isEqualTo("https");
        assertThat(endpoint.getAuthorization().getType()).isEqualTo("Bearer");
        assertThat(endpoint.getAuthorization().getCredentials().getName())
                .isEqualTo(ResourceNames.QDRANT_METRICS_READER_SECRET)
                .isNotEqualTo(ResourceNames.QDRANT_MASTER_KEY_SECRET);
        assertThat(endpoint.getTlsConfig().getCa().getSecret().getName()).isEqualTo(ResourceNames.QDRANT_CA_SECRET);
        assertThat(endpoint.getTlsConfig().getCa().getSecret().getKey()).isEqualTo("ca.crt");
        assertThat(endpoint.getTlsConfig().getServerName())
                .as("a name the node certificate carries; a pod's IP is not in it")
                .isIn(qdrant(MONITORING, true).certificates().dnsNames());
        assertThat(endpoint.getTlsConfig().getInsecureSkipVerify()).isNull();
    }

    @Test
    void qdrantPodMonitorSelectsTheClustersPodsAndCarriesTheClusterId() {
        PodMonitor monitor = qdrant(MONITORING, true).generatePodMonitors().getFirst();

        assertThat(monitor.getMetadata().getNamespace()).isEqualTo(ResourceNames.namespace(CLUSTER_ID));
        assertThat(monitor.getSpec().getSelector().getMatchLabels())
                .isEqualTo(qdrant(MONITORING, true)
                        .generateStatefulSet()
                        .getSpec()
                        .getSelector()
                        .getMatchLabels());
        assertThat(monitor.getSpec().getPodTargetLabels()).containsExactly("dbaas.io/cluster-id");
        assertThat(monitor.getSpec().getNamespaceSelector())
                .as("its own namespace only")
                .isNull();
        assertThat(SCHEMAS.violations(monitor)).isEmpty();
    }

    // ---- Elasticsearch ----

    @Test
    void elasticsearchNodesAdmitTheExporterOnHttpsAndNeverTheMonitoringNamespace() {
        ElasticsearchCluster cluster = elasticsearch(MONITORING, true);
        NetworkPolicy nodes = cluster.generateNetworkPolicy();

        assertThat(rulesAdmittingMonitoring(nodes)).isEmpty();
        assertThat(nodes.getSpec().getIngress()).hasSize(4);
        NetworkPolicyIngressRule exporterRule = nodes.getSpec().getIngress().get(3);
        assertThat(ports(exporterRule)).containsExactly(ElasticsearchCluster.HTTP_PORT);
        assertThat(exporterRule.getFrom()).singleElement().satisfies(peer -> {
            assertThat(peer.getNamespaceSelector())
                    .as("the cluster's own namespace")
                    .isNull();
            assertThat(peer.getPodSelector().getMatchLabels()).isEqualTo(exporterPodSelector(cluster));
        });
        assertThat(exporterPodSelector(cluster))
                .as("the exporter is no node: no node policy, budget or StatefulSet selects it")
                .isNotEqualTo(nodes.getSpec().getPodSelector().getMatchLabels());
    }

    @Test
    void elasticsearchExporterAdmitsTheMonitoringNamespaceOnItsMetricsPortOnly() {
        ElasticsearchCluster cluster = elasticsearch(MONITORING, true);
        NetworkPolicy exporter = cluster.generateNetworkPolicies().get(1);

        assertThat(exporter.getSpec().getPodSelector().getMatchLabels()).isEqualTo(exporterPodSelector(cluster));
        assertThat(exporter.getSpec().getPolicyTypes()).containsExactly("Ingress");
        assertThat(exporter.getSpec().getIngress()).singleElement().satisfies(rule -> {
            assertThat(ports(rule)).containsExactly(ElasticsearchExporter.METRICS_PORT);
            assertThat(rule.getFrom()).singleElement().satisfies(peer -> {
                assertThat(peer.getNamespaceSelector().getMatchLabels()).isEqualTo(MONITORING_NAMESPACE);
                assertThat(peer.getPodSelector().getMatchLabels()).isEqualTo(PROMETHEUS_PODS);
            });
        });
    }

    @Test
    void elasticsearchExporterReadsAsTheMonitoringUserNeverAsElasticAndSeesOnlyTheCaCertificate() {
        Deployment deployment =
                elasticsearch(MONITORING, true).generateDeployments().getFirst();
        Container exporter =
                deployment.getSpec().getTemplate().getSpec().getContainers().getFirst();

        assertThat(exporter.getImage())
                .matches("quay\\.io/prometheuscommunity/elasticsearch-exporter:v\\d+\\.\\d+\\.\\d+");
        assertThat(exporter.getEnv()).allSatisfy(variable -> {
            assertThat(variable.getValue()).as("no credential in clear").isNull();
            assertThat(variable.getValueFrom().getSecretKeyRef().getName())
                    .isEqualTo(ElasticsearchNames.MONITORING_USER_SECRET)
                    .isNotEqualTo(ElasticsearchNames.ELASTIC_USER_SECRET)
                    .isNotEqualTo(ElasticsearchNames.INTERNAL_USERS_SECRET);
        });
        assertThat(exporter.getEnv()).extracting(EnvVar::getName).containsExactly("ES_USERNAME", "ES_PASSWORD");
        assertThat(exporter.getArgs())
                .contains("--es.uri=https://elasticsearch.dbaas-" + CLUSTER_ID + ".svc:9200")
                .noneMatch(argument -> argument.contains("@") || argument.contains("skip-verify"));
        assertThat(deployment.getSpec().getTemplate().getSpec().getVolumes())
                .singleElement()
                .satisfies(volume -> {
                    assertThat(volume.getSecret().getSecretName()).isEqualTo(ElasticsearchNames.CA_SECRET);
                    assertThat(volume.getSecret().getItems())
                            .as("the CA's private key never reaches the exporter")
                            .singleElement()
                            .satisfies(item -> assertThat(item.getKey()).isEqualTo("ca.crt"));
                });
        assertThat(exporter.getResources().getLimits()).containsKeys("cpu", "memory");
        assertThat(exporter.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(deployment.getSpec().getTemplate().getSpec().getAutomountServiceAccountToken())
                .isFalse();
        assertThat(RestrictedProfile.violations(
                        deployment.getSpec().getTemplate().getSpec()))
                .isEmpty();
    }

    @Test
    void elasticsearchMonitoringUserHoldsTheMonitorPrivilegesOnlyAndIsNoSuperuser() {
        DesiredCluster cluster = scrapedElasticsearch(true);
        Map<String, Secret> secrets = generateAll(cluster, "e".repeat(32));

        Secret monitoringUser = secrets.get(ElasticsearchNames.MONITORING_USER_SECRET);
        assertThat(SecretEntries.read(monitoringUser, "username")).contains("dbaas-monitor");
        String password = SecretEntries.read(monitoringUser, "password").orElseThrow();
        assertThat(password).hasSize(32).isNotEqualTo("e".repeat(32));

        Secret users = secrets.get(ElasticsearchNames.INTERNAL_USERS_SECRET);
        String usersFile =
                SecretEntries.read(users, ElasticsearchNames.USERS_ENTRY).orElseThrow();
        assertThat(usersFile.lines()).anySatisfy(line -> assertThat(line).startsWith("dbaas-monitor:$2a$"));
        assertThat(usersFile).doesNotContain(password);
        String roles =
                SecretEntries.read(users, ElasticsearchNames.USERS_ROLES_ENTRY).orElseThrow();
        assertThat(roles.lines()).contains("superuser:elastic", "dbaas_monitor:dbaas-monitor");
        assertThat(roles).doesNotContain("superuser:elastic,dbaas-monitor").doesNotContain("superuser:dbaas-monitor");

        String rolesYml = cluster.configMaps().getFirst().getData().get("roles.yml");
        assertThat(rolesYml).contains("""
                        dbaas_monitor:
                          cluster: [monitor]
                          indices:
                            - names: ['*']
                              privileges: [monitor]
                        """);
    }

    @Test
    void aClusterThatBecomesScrapedHasItsUsersGeneratedAgainOnceWithTheMonitoringUser() {
        Map<String, Secret> before = generateAll(unscrapedElasticsearch(), "e".repeat(32));
        Secret oldUsers = before.get(ElasticsearchNames.INTERNAL_USERS_SECRET);
        DesiredCluster scraped = scrapedElasticsearch(true);
        GeneratedSecret users = generated(scraped, ElasticsearchNames.INTERNAL_USERS_SECRET);

        Map<String, Secret> inputs = new HashMap<>(before);
        inputs.putAll(generateAll(scraped, "e".repeat(32)));
        SecretInputs seen = new SecretInputs(inputs, List.of());
        assertThat(users.renewal().due(oldUsers, seen)).contains("it has no metrics exporter user yet");
        assertThat(users.renewal().due(inputs.get(ElasticsearchNames.INTERNAL_USERS_SECRET), seen))
                .as("once it has one, never again")
                .isEmpty();
        GeneratedSecret unscrapedUsers = generated(unscrapedElasticsearch(), ElasticsearchNames.INTERNAL_USERS_SECRET);
        assertThat(unscrapedUsers.renewal().due(oldUsers, seen)).isEmpty();
    }

    @Test
    void elasticsearchPodMonitorScrapesTheExporterOverItsMetricsPort() {
        PodMonitor monitor =
                elasticsearch(MONITORING, true).generatePodMonitors().getFirst();
        ElasticsearchCluster cluster = elasticsearch(MONITORING, true);

        assertThat(monitor.getSpec().getSelector().getMatchLabels()).isEqualTo(exporterPodSelector(cluster));
        PodMetricsEndpoint endpoint = monitor.getSpec().getPodMetricsEndpoints().getFirst();
        assertThat(endpoint.getPort()).isEqualTo("metrics");
        assertThat(cluster.generateDeployments()
                        .getFirst()
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .getFirst()
                        .getPorts())
                .anySatisfy(port -> {
                    assertThat(port.getName()).isEqualTo("metrics");
                    assertThat(port.getContainerPort()).isEqualTo(ElasticsearchExporter.METRICS_PORT);
                });
        assertThat(SCHEMAS.violations(monitor)).isEmpty();
    }

    // ---- regions without the Prometheus operator ----

    @Test
    void aRegionWithoutThePrometheusOperatorGetsNoMonitorButIsStillScrapable() {
        for (EngineBlueprint blueprint :
                blueprints(TestRegions.nebula("kubernetes", "home", plainRegion(), MONITORING))) {
            DesiredCluster cluster = blueprint.render(TestSpecs.of(blueprint.engine(), CLUSTER_ID, 3), plainRegion());

            assertThat(cluster.podMonitors()).as(blueprint.engine().id()).isEmpty();
            assertThat(cluster.inApplyOrder(cluster.masterKeySecret()))
                    .extracting(HasMetadata::getApiVersion)
                    .noneMatch(apiVersion -> apiVersion.startsWith("monitoring.coreos.com"));
            assertThat(cluster.networkPolicies().stream().flatMap(policy -> rulesAdmittingMonitoring(policy).stream()))
                    .as("a Prometheus configured by hand can still scrape")
                    .isNotEmpty();
        }
    }

    @Test
    void theMonitorsAreValidAgainstTheStrictSchemaAndASpoiledOneIsNot() {
        PodMonitor monitor = qdrant(MONITORING, true).generatePodMonitors().getFirst();
        ObjectNode misplaced = SCHEMAS.asJson(monitor);
        ((ObjectNode) misplaced.get("spec")).put("scheme", "https");
        ObjectNode noSelector = SCHEMAS.asJson(monitor);
        ((ObjectNode) noSelector.get("spec")).remove("selector");

        assertThat(SCHEMAS.violations(monitor)).isEmpty();
        assertThat(SCHEMAS.violations(misplaced))
                .as("a field on the wrong level")
                .isNotEmpty();
        assertThat(SCHEMAS.violations(noSelector))
                .as("the CRD requires a selector")
                .isNotEmpty();
    }

    // ---- helpers ----

    private static RegionProperties operatorRegion() {
        return TestRegions.region().prometheusOperator(true).build();
    }

    private static RegionProperties plainRegion() {
        return TestRegions.region().build();
    }

    private static List<EngineBlueprint> blueprints(NebulaProperties properties) {
        return List.of(new QdrantBlueprint(properties), new ElasticsearchBlueprint(properties));
    }

    private static QdrantCluster qdrant(MonitoringPeers monitoring, boolean operator) {
        return QdrantCluster.fromSpecs(
                TestSpecs.qdrant(CLUSTER_ID),
                TestRegions.region().prometheusOperator(operator).build(),
                TestRegions.nebula().gatekeeper(),
                monitoring);
    }

    private static ElasticsearchCluster elasticsearch(MonitoringPeers monitoring, boolean operator) {
        return ElasticsearchCluster.fromSpecs(
                TestSpecs.of(Engine.ELASTICSEARCH, CLUSTER_ID, 3),
                TestRegions.region().prometheusOperator(operator).build(),
                TestRegions.nebula().gatekeeper(),
                monitoring);
    }

    private static DesiredCluster scrapedElasticsearch(boolean operator) {
        RegionProperties region =
                TestRegions.region().prometheusOperator(operator).build();
        return new ElasticsearchBlueprint(TestRegions.nebula("kubernetes", "home", region, MONITORING))
                .render(TestSpecs.of(Engine.ELASTICSEARCH, CLUSTER_ID, 3), region);
    }

    private static DesiredCluster unscrapedElasticsearch() {
        return TestBlueprints.elasticsearch().render(TestSpecs.of(Engine.ELASTICSEARCH, CLUSTER_ID, 3), plainRegion());
    }

    private static Map<String, String> exporterPodSelector(ElasticsearchCluster cluster) {
        return cluster.generateDeployments().getFirst().getSpec().getSelector().getMatchLabels();
    }

    private static Container qdrantContainer(QdrantCluster cluster) {
        return cluster.generateStatefulSet()
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .getFirst();
    }

    private static EnvVar env(Container container, String name) {
        return container.getEnv().stream()
                .filter(variable -> variable.getName().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static GeneratedSecret generated(DesiredCluster cluster, String name) {
        return cluster.generatedSecrets().stream()
                .filter(secret -> secret.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    /** Every generated Secret as the reconciler makes them, in order, from the given master key. */
    private static Map<String, Secret> generateAll(DesiredCluster cluster, String masterKey) {
        Secret master = cluster.masterKeySecretHolding(masterKey);
        Map<String, Secret> secrets = new HashMap<>();
        secrets.put(master.getMetadata().getName(), master);
        cluster.generatedSecrets()
                .forEach(secret -> secrets.put(secret.name(), secret.generate(new SecretInputs(secrets, List.of()))));
        return secrets;
    }

    private static List<NetworkPolicyIngressRule> rulesAdmittingMonitoring(NetworkPolicy policy) {
        return policy.getSpec().getIngress().stream()
                .filter(rule -> rule.getFrom().stream().anyMatch(ClusterScrapingTest::isMonitoring))
                .toList();
    }

    private static boolean isMonitoring(NetworkPolicyPeer peer) {
        return peer.getNamespaceSelector() != null
                && Objects.equals(peer.getNamespaceSelector().getMatchLabels(), MONITORING_NAMESPACE);
    }

    private static List<Integer> ports(NetworkPolicyIngressRule rule) {
        return rule.getPorts().stream()
                .map(NetworkPolicyPort::getPort)
                .map(port -> port.getIntVal())
                .toList();
    }
}
