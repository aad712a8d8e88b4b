package io.dbaas.nebula.kubernetes.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.dbaas.nebula.config.GatekeeperPeers;
import io.dbaas.nebula.config.RegionProperties;
import io.dbaas.nebula.config.TestRegions;
import io.dbaas.nebula.infrastructure.DBClusterSpecs;
import io.dbaas.nebula.infrastructure.TestSpecs;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ElasticsearchClusterTest {

    private static final UUID CLUSTER_ID = UUID.fromString("3f1c2b9a-8d4e-4f6a-b2c1-0a9e8d7c6b5a");
    private static final String NAMESPACE = "dbaas-" + CLUSTER_ID;
    private static final RegionProperties REGION = TestRegions.region()
            .storageClass("fast-ssd")
            .zones("eu-west-1a", "eu-west-1b")
            .build();

    private final ElasticsearchCluster cluster = cluster(TestSpecs.elasticsearch(CLUSTER_ID, 3), REGION);
    private final StatefulSet statefulSet = cluster.generateStatefulSet();
    private final PodSpec pod = statefulSet.getSpec().getTemplate().getSpec();
    private final Container elasticsearch = pod.getContainers().getFirst();
    private final Map<String, String> files = cluster.generateConfigMap().getData();
    private final String config = files.get("elasticsearch.yml");

    @Test
    void oneStatefulSetRunsEveryNodeWithTheSameRolesFromTheOfficialImage() {
        assertThat(statefulSet.getMetadata().getName()).isEqualTo(ElasticsearchNames.STATEFUL_SET);
        assertThat(statefulSet.getMetadata().getNamespace()).isEqualTo(NAMESPACE);
        assertThat(statefulSet.getSpec().getReplicas()).isEqualTo(3);
        assertThat(statefulSet.getSpec().getPodManagementPolicy()).isEqualTo("Parallel");
        assertThat(statefulSet.getSpec().getServiceName()).isEqualTo(ElasticsearchNames.HEADLESS_SERVICE);
        assertThat(pod.getContainers()).hasSize(1);
        assertThat(elasticsearch.getImage()).isEqualTo("docker.elastic.co/elasticsearch/elasticsearch:8.15.3");
        // Every role but machine learning, whose native processes need memory a search and indexing node lacks.
        assertThat(config).containsOnlyOnce("node.roles: [master, data, ingest, remote_cluster_client, transform]");
        assertThat(config).contains("cluster.name: " + CLUSTER_ID, "node.name: ${POD_NAME}");
    }

    @Test
    void nodesFindEachOtherThroughTheHeadlessServiceWhichPublishesPodsBeforeTheyAreReady() {
        var headless = cluster.generateHeadlessService();

        assertThat(config).contains("discovery.seed_hosts: [elasticsearch-headless." + NAMESPACE + ".svc]");
        assertThat(headless.getSpec().getClusterIP()).isEqualTo("None");
        assertThat(headless.getSpec().getPublishNotReadyAddresses()).isTrue();
        assertThat(headless.getSpec().getPorts())
                .extracting(ServicePort::getPort)
                .containsExactly(9200, 9300);
    }

    @Test
    void initialMasterNodesComeOnlyFromTheBootstrapConfigMapNeverFromThePodTemplateOrTheConfiguration() {
        String start = files.get("start.sh");
        var bootstrap = cluster.generateBootstrapConfigMap();

        assertThat(config).doesNotContain("initial_master_nodes");
        assertThat(bootstrap.getMetadata().getName()).isEqualTo(ElasticsearchNames.BOOTSTRAP_CONFIG_MAP);
        assertThat(bootstrap.getData())
                .containsExactly(Map.entry("initial-master-nodes", "elasticsearch-0,elasticsearch-1,elasticsearch-2"));
        assertThat(ElasticsearchCluster.formedClusterBootstrapData())
                .containsExactly(Map.entry("initial-master-nodes", ""));
        assertThat(mountPath(ElasticsearchCluster.BOOTSTRAP_VOLUME)).isEqualTo("/mnt/dbaas/bootstrap");
        assertThat(start)
                .contains("seeds=$(cat '/mnt/dbaas/bootstrap/initial-master-nodes' 2>/dev/null || true)")
                .contains("if [ -n \"$seeds\" ]; then settings+=(\"-Ecluster.initial_master_nodes=$seeds\"); fi");
        assertThat(statefulSet.getSpec().getTemplate().toString()).doesNotContain("initial_master_nodes");
    }

    @Test
    void scalingChangesNeitherTheConfigurationNorThePodTemplateSoNoNodeRolls() {
        ElasticsearchCluster five = cluster(withNodes(5), REGION);

        assertThat(five.generateConfigMap().getData()).isEqualTo(files);
        assertThat(five.generateStatefulSet().getSpec().getTemplate())
                .isEqualTo(statefulSet.getSpec().getTemplate());
    }

    @Test
    void aChangedConfigurationRollsThePodsThroughAHashInThePodTemplate() {
        String hash = statefulSet
                .getSpec()
                .getTemplate()
                .getMetadata()
                .getAnnotations()
                .get("dbaas.io/config-hash");
        var changed = new ConfigMapBuilder(cluster.generateConfigMap())
                .addToData("elasticsearch.yml", config + "indices.queries.cache.size: 5%\n")
                .build();

        assertThat(hash)
                .isEqualTo(ClusterObjects.configHash(cluster.generateConfigMap()))
                .hasSize(64);
        assertThat(ClusterObjects.configHash(changed)).isNotEqualTo(hash);
    }

    @Test
    void noFileIsMountedThroughSubPathWhoseUpdatesWouldNeverReachThePod() {
        assertThat(elasticsearch.getVolumeMounts())
                .allSatisfy(mount -> assertThat(mount.getSubPath()).isNull());
        String start = files.get("start.sh");
        assertThat(start)
                .contains("export ES_PATH_CONF='/mnt/dbaas/es-config'")
                .contains("ln -sfn '/mnt/dbaas/config/elasticsearch.yml' \"$ES_PATH_CONF/elasticsearch.yml\"")
                .contains("ln -sfn '/mnt/dbaas/internal-users/users' \"$ES_PATH_CONF/users\"");
    }

    @Test
    void securityAndTlsAreOnForTransportAndHttpWithTheClusterCertificates() {
        assertThat(config)
                .contains(
                        "xpack.security.enabled: true",
                        "xpack.security.transport.ssl.enabled: true",
                        "xpack.security.transport.ssl.verification_mode: certificate",
                        "xpack.security.transport.ssl.client_authentication: required",
                        "xpack.security.transport.ssl.certificate_authorities: [certs/ca.crt]",
                        "xpack.security.http.ssl.enabled: true",
                        "xpack.security.http.ssl.certificate: certs/tls.crt",
                        "xpack.security.http.ssl.key: certs/tls.key");
        assertThat(secretVolumes())
                .containsExactly(ElasticsearchNames.CERTIFICATES_SECRET, ElasticsearchNames.INTERNAL_USERS_SECRET);
        // Beneath the configuration directory, where Elasticsearch reads TLS files from and reloads them when they
        // change.
        assertThat(mountPath(ElasticsearchCluster.CERTIFICATES_VOLUME)).isEqualTo("/mnt/dbaas/es-config/certs");
        assertThat(mountPath(ElasticsearchCluster.ES_CONFIG_VOLUME)).isEqualTo("/mnt/dbaas/es-config");
    }

    @Test
    void theCaKeyIsNeverMountedIntoAPod() {
        assertThat(secretVolumes()).doesNotContain(ElasticsearchNames.CA_SECRET);
        assertThat(elasticsearch.getEnv())
                .noneMatch(env -> env.getValueFrom() != null
                        && env.getValueFrom().getSecretKeyRef() != null
                        && env.getValueFrom().getSecretKeyRef().getName().equals(ElasticsearchNames.CA_SECRET));
    }

    @Test
    void theNodeCertificateNamesEveryPodTheClientServiceAndTheLoopbackAddress() {
        List<Pattern> names = cluster.certificateDnsNames().stream()
                .map(ElasticsearchClusterTest::wildcard)
                .toList();

        for (int ordinal : new int[] {0, 2, 17}) {
            String pod = ElasticsearchNames.podHost(CLUSTER_ID, ordinal);
            assertThat(names).anyMatch(name -> name.matcher(pod).matches());
            assertThat(names)
                    .anyMatch(name -> name.matcher(pod + ".cluster.local").matches());
        }
        assertThat(cluster.certificateDnsNames())
                .contains(
                        "elasticsearch",
                        "elasticsearch." + NAMESPACE + ".svc",
                        ResourceNames.serviceHost(ElasticsearchNames.CLIENT_SERVICE, CLUSTER_ID, "cluster.local"),
                        "localhost");
        assertThat(cluster.certificateIpAddresses()).containsExactly("127.0.0.1");
    }

    @Test
    void usersComeFromFilesOnlySoTheCustomerCannotChangeOrLockOutGatekeepersOrTheNodesCredentials() {
        assertThat(config).contains("xpack.security.authc.reserved_realm.enabled: false");
        assertThat(elasticsearch.getEnv()).noneMatch(env -> env.getName().equals("ELASTIC_PASSWORD"));
        // The master key reaches no pod; the nodes know it only as a hash in the internal users' Secret.
        assertThat(secretVolumes()).doesNotContain(ElasticsearchNames.ELASTIC_USER_SECRET);
        assertThat(mountPath(ElasticsearchCluster.INTERNAL_USERS_VOLUME)).isEqualTo("/mnt/dbaas/internal-users");
        assertThat(files.get("roles.yml")).contains("dbaas_node:\n  cluster: [monitor, manage]");
        assertThat(cluster.generateElasticUserSecret().getData()).isNullOrEmpty();
        assertThat(cluster.generateElasticUserSecret().getStringData()).isNullOrEmpty();
        assertThat(cluster.generateInternalUsersSecret().getData()).isNullOrEmpty();
    }

    @Test
    void theHeapIsHalfTheMemoryLimitWithEqualMinimumAndMaximum() {
        assertThat(env("ES_JAVA_OPTS").getValue()).isEqualTo("-Xms512m -Xmx512m");
        assertThat(javaOptions("4Gi")).isEqualTo("-Xms2048m -Xmx2048m");
        assertThat(javaOptions("3G")).isEqualTo("-Xms1430m -Xmx1430m");
    }

    @Test
    void theHeapStaysBelowTheCompressedPointersThreshold() {
        assertThat(javaOptions("64Gi")).isEqualTo("-Xms30720m -Xmx30720m");
        assertThat(javaOptions("256Gi")).isEqualTo("-Xms30720m -Xmx30720m");
    }

    @Test
    void tooLittleMemoryForAUsefulHeapIsRefusedWithAReason() {
        assertThatThrownBy(() -> cluster(withMemory("768Mi"), REGION))
                .isInstanceOf(InvalidClusterSpecsException.class)
                .hasMessage("An Elasticsearch node needs at least 1Gi of memory, got '768Mi'.");
    }

    @Test
    void anInvalidVersionIsRefusedWithAReason() {
        assertThatThrownBy(
                        () -> cluster(TestSpecs.withVersion(TestSpecs.elasticsearch(CLUSTER_ID, 3), "latest"), REGION))
                .isInstanceOf(InvalidClusterSpecsException.class)
                .hasMessageContaining("'latest' is not a release version");
    }

    @Test
    void requestsEqualLimitsAndTheVolumeHasTheRequestedSizeOnTheRegionsStorageClass() {
        Map<String, Quantity> expected = Map.of("cpu", new Quantity("500m"), "memory", new Quantity("1Gi"));
        var claim = statefulSet.getSpec().getVolumeClaimTemplates().getFirst();

        assertThat(elasticsearch.getResources().getRequests()).isEqualTo(expected);
        assertThat(elasticsearch.getResources().getLimits()).isEqualTo(expected);
        assertThat(pod.getInitContainers()).isNullOrEmpty();
        assertThat(claim.getMetadata().getName()).isEqualTo(ElasticsearchNames.DATA_VOLUME);
        assertThat(claim.getSpec().getStorageClassName()).isEqualTo("fast-ssd");
        assertThat(claim.getSpec().getResources().getRequests()).containsEntry("storage", new Quantity("10Gi"));
    }

    @Test
    void voluntaryDisruptionsTakeDownOneNodeAtATime() {
        var budget = cluster.generatePodDisruptionBudget();

        assertThat(budget.getSpec().getMaxUnavailable()).isEqualTo(new IntOrString(1));
        assertThat(budget.getSpec().getSelector().getMatchLabels())
                .isEqualTo(statefulSet.getSpec().getSelector().getMatchLabels());
    }

    @Test
    void podsPreferSeparateNodesAndSpreadOverTheRegionsZones() {
        var antiAffinity = pod.getAffinity().getPodAntiAffinity().getPreferredDuringSchedulingIgnoredDuringExecution();

        assertThat(antiAffinity).singleElement().satisfies(term -> {
            assertThat(term.getWeight()).isEqualTo(100);
            assertThat(term.getPodAffinityTerm().getTopologyKey()).isEqualTo("kubernetes.io/hostname");
        });
        assertThat(pod.getTopologySpreadConstraints())
                .extracting(TopologySpreadConstraint::getTopologyKey, TopologySpreadConstraint::getWhenUnsatisfiable)
                .containsExactly(
                        tuple("topology.kubernetes.io/zone", "DoNotSchedule"),
                        tuple("kubernetes.io/hostname", "ScheduleAnyway"));
        assertThat(pod.getAffinity()
                        .getNodeAffinity()
                        .getRequiredDuringSchedulingIgnoredDuringExecution()
                        .getNodeSelectorTerms()
                        .getFirst()
                        .getMatchExpressions()
                        .getFirst()
                        .getValues())
                .containsExactly("eu-west-1a", "eu-west-1b");
    }

    @Test
    void withoutConfiguredZonesNoNodeAffinityIsRenderedButAntiAffinityStays() {
        PodSpec anywhere = cluster(
                        TestSpecs.elasticsearch(CLUSTER_ID, 3),
                        TestRegions.region().build())
                .generateStatefulSet()
                .getSpec()
                .getTemplate()
                .getSpec();

        assertThat(anywhere.getAffinity().getNodeAffinity()).isNull();
        assertThat(anywhere.getAffinity().getPodAntiAffinity()).isNotNull();
    }

    @Test
    void shardAllocationIsAwareOfZonesAndKubernetesNodesFromTheDownwardApi() {
        String start = files.get("start.sh");

        assertThat(config)
                .contains(
                        "node.attr.k8s_node_name: ${NODE_NAME}",
                        "cluster.routing.allocation.awareness.attributes: k8s_node_name,zone");
        assertThat(env("NODE_NAME").getValueFrom().getFieldRef().getFieldPath()).isEqualTo("spec.nodeName");
        assertThat(mountPath(ElasticsearchCluster.DOWNWARD_API_VOLUME)).isEqualTo("/mnt/dbaas/downward-api");
        assertThat(start)
                .contains(
                        "sed -n 's/^topology\\.kubernetes\\.io\\/zone=\"\\(.*\\)\"$/\\1/p' '/mnt/dbaas/downward-api/annotations'")
                .contains("settings=(\"-Enode.attr.zone=$zone\")");
    }

    @Test
    void aPodStartsWithoutNebulaOnAVolumeThatKnowsItsZone() {
        String start = files.get("start.sh");

        // The zone is written down on the node's own volume, which stays in its zone ...
        assertThat(start).contains("printf '%s' \"$zone\" > \"$state/zone\"");
        assertThat("/usr/share/elasticsearch/data/.dbaas").startsWith(mountPath(ElasticsearchNames.DATA_VOLUME));
        // ... and read back when Nebula is not there to annotate a pod recreated on it (a drain while Nebula is down).
        assertThat(start)
                .contains(
                        "if [ \"$attempt\" -ge 10 ] && [ -s \"$state/zone\" ]; then zone=$(cat \"$state/zone\"); break; fi");
        assertThat(pod.getInitContainers()).isNullOrEmpty();
    }

    @Test
    void readinessAsksTheNodesOwnViewOverHttpsWithTheNodesOwnCredentials() {
        String readiness = files.get("readiness.sh");
        String api = files.get("node-api.sh");

        assertThat(elasticsearch.getReadinessProbe().getExec().getCommand())
                .containsExactly("/bin/bash", "/mnt/dbaas/config/readiness.sh");
        assertThat(readiness)
                .contains("node_api GET '_cluster/state/master_node?local=true'")
                .contains("node_api GET '_cluster/health?local=true'")
                .doesNotContain("discovered_master");
        assertThat(api)
                .contains("--cacert '/mnt/dbaas/es-config/certs/ca.crt'")
                .contains("--connect-to \"localhost:9200:$address:9200\"")
                .contains("user = \"dbaas-node:%s\"")
                .contains("cat '/mnt/dbaas/internal-users/dbaas-node.password'")
                .contains("--config -");
        // The password never appears on a command line, where other processes could read it.
        assertThat(api).doesNotContain("-u ", "--user ");
    }

    @Test
    void afterARestartANodeIsReadyOnlyOnceTheClusterIsBackToTheHealthItLastSaw() {
        String readiness = files.get("readiness.sh");

        assertThat(files.get("start.sh"))
                .contains("if [ -f \"$state/health\" ]; then mv -f \"$state/health\" \"$state/health-to-regain\"; fi");
        assertThat(readiness)
                .contains("if [ \"$(rank \"$status\")\" -lt \"$(rank \"$wanted\")\" ]; then")
                .contains("mv -f \"$state/health.new\" \"$state/health\"");
    }

    @Test
    void livenessAndStartupProbesWatchTheHttpPortAndStartupAllowsSlowRecoveries() {
        assertThat(elasticsearch.getLivenessProbe().getTcpSocket().getPort()).isEqualTo(new IntOrString(9200));
        assertThat(elasticsearch.getStartupProbe().getTcpSocket().getPort()).isEqualTo(new IntOrString(9200));
        assertThat(elasticsearch.getStartupProbe().getPeriodSeconds()
                        * elasticsearch.getStartupProbe().getFailureThreshold())
                .isGreaterThanOrEqualTo(600);
    }

    @Test
    void aStoppingNodeRecordsTheHealthAnnouncesItsRestartAndKeepsServingWhileEndpointsCatchUp() {
        String preStop = files.get("pre-stop.sh");

        assertThat(elasticsearch.getLifecycle().getPreStop().getExec().getCommand())
                .containsExactly("/bin/bash", "/mnt/dbaas/config/pre-stop.sh");
        assertThat(preStop)
                .contains("node_api PUT \"_nodes/$node/shutdown\"")
                .contains("\"type\":\"restart\"")
                .contains("mv -f \"$state/health.new\" \"$state/health\"")
                .endsWith("sleep 30\n");
        assertThat(config).contains("http.shutdown_grace_period: 30s");
        assertThat(pod.getTerminationGracePeriodSeconds()).isGreaterThan(30 + 30 + 60);
    }

    @Test
    void thePreStopPauseIsTheRegionsAndOutOfRangeOnesAreRefused() {
        RegionProperties fast =
                TestRegions.region().preStopPause(Duration.ofSeconds(5)).build();

        assertThat(cluster(withNodes(3), fast).generateConfigMap().getData().get("pre-stop.sh"))
                .endsWith("sleep 5\n");
        assertThatThrownBy(() -> TestRegions.region()
                        .preStopPause(Duration.ofSeconds(121))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pre-stop-pause must be between 0s and 120s");
    }

    @Test
    void theImagesInitStaysProcessOneAndRunsTheStartScript() {
        assertThat(elasticsearch.getCommand()).isNullOrEmpty();
        assertThat(elasticsearch.getArgs()).containsExactly("/bin/bash", "/mnt/dbaas/config/start.sh");
    }

    @Test
    void mmapIsOffSoNoPrivilegedContainerOrSysctlIsNeeded() {
        assertThat(config).contains("node.store.allow_mmap: false");
        assertThat(pod.getInitContainers()).isNullOrEmpty();
        assertThat(pod.getSecurityContext().getSysctls()).isNullOrEmpty();
    }

    @Test
    void everyContainerRunsRestrictedAsTheElasticsearchUser() {
        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(1000L);
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        for (Container container : pod.getContainers()) {
            SecurityContext security = container.getSecurityContext();
            assertThat(security.getReadOnlyRootFilesystem()).isTrue();
            assertThat(security.getRunAsUser()).isEqualTo(1000L);
            assertThat(security.getAllowPrivilegeEscalation()).isFalse();
            assertThat(security.getPrivileged()).isFalse();
            assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
            assertThat(security.getCapabilities().getAdd()).isNullOrEmpty();
            assertThat(security.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        }
    }

    @Test
    void dataLogsTmpAndTheConfigurationDirectoryAreWritableVolumes() {
        assertThat(mountPath(ElasticsearchNames.DATA_VOLUME)).isEqualTo("/usr/share/elasticsearch/data");
        assertThat(mountPath(ElasticsearchCluster.LOGS_VOLUME)).isEqualTo("/usr/share/elasticsearch/logs");
        assertThat(mountPath(ElasticsearchCluster.TMP_VOLUME)).isEqualTo("/tmp");
        assertThat(elasticsearch.getVolumeMounts())
                .filteredOn(mount -> List.of(
                                ElasticsearchNames.DATA_VOLUME,
                                ElasticsearchCluster.LOGS_VOLUME,
                                ElasticsearchCluster.TMP_VOLUME,
                                ElasticsearchCluster.ES_CONFIG_VOLUME)
                        .contains(mount.getName()))
                .allSatisfy(mount -> assertThat(mount.getReadOnly()).isNotEqualTo(Boolean.TRUE));
    }

    @Test
    void theNetworkPolicyAdmitsHttpsOnlyFromGatekeeperAndTheBackupAgentAndTransportOnlyFromTheClustersPods() {
        List<NetworkPolicyIngressRule> rules =
                cluster.generateNetworkPolicy().getSpec().getIngress();

        assertThat(rules).hasSize(3);
        assertThat(rules.get(2).getPorts())
                .extracting(NetworkPolicyPort::getPort)
                .containsExactly(new IntOrString(9200));
        assertThat(rules.get(2).getFrom()).singleElement().satisfies(peer -> {
            assertThat(peer.getNamespaceSelector()).isNull();
            assertThat(peer.getPodSelector().getMatchLabels())
                    .isEqualTo(BackupAgentJob.selector(UUID.fromString(
                            statefulSet.getMetadata().getLabels().get(Labels.CLUSTER_ID))));
        });
        assertThat(rules.get(0).getPorts())
                .extracting(NetworkPolicyPort::getPort)
                .containsExactly(new IntOrString(9200));
        assertThat(rules.get(0).getFrom()).singleElement().satisfies(peer -> {
            assertThat(peer.getNamespaceSelector().getMatchLabels())
                    .isEqualTo(Map.of("kubernetes.io/metadata.name", "dbaas-system"));
            assertThat(peer.getPodSelector().getMatchLabels())
                    .isEqualTo(Map.of("app.kubernetes.io/name", "gatekeeper-proxy"));
        });
        assertThat(rules.get(1).getPorts())
                .extracting(NetworkPolicyPort::getPort)
                .containsExactly(new IntOrString(9300));
        assertThat(rules.get(1).getFrom()).singleElement().satisfies(peer -> {
            assertThat(peer.getNamespaceSelector()).isNull();
            assertThat(peer.getPodSelector().getMatchLabels())
                    .isEqualTo(statefulSet.getSpec().getSelector().getMatchLabels());
        });
    }

    @Test
    void theClientServiceExposesHttpsOnlyNeverTheTransportPort() {
        assertThat(cluster.generateClientService().getSpec().getPorts())
                .extracting(ServicePort::getPort)
                .containsExactly(9200);
    }

    @Test
    void onlyElasticsearchSpecsAreAccepted() {
        assertThatThrownBy(() -> cluster(TestSpecs.qdrant(CLUSTER_ID), REGION))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static ElasticsearchCluster cluster(DBClusterSpecs specs, RegionProperties region) {
        return ElasticsearchCluster.fromSpecs(specs, region, GatekeeperPeers.DEFAULT);
    }

    private static DBClusterSpecs withNodes(int nodes) {
        return TestSpecs.elasticsearch(CLUSTER_ID, nodes);
    }

    private static DBClusterSpecs withMemory(String memory) {
        return TestSpecs.copy(TestSpecs.elasticsearch(CLUSTER_ID, 3))
                .memory(memory)
                .build();
    }

    private static String javaOptions(String memory) {
        return cluster(withMemory(memory), REGION)
                .generateStatefulSet()
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .getFirst()
                .getEnv()
                .stream()
                .filter(env -> env.getName().equals("ES_JAVA_OPTS"))
                .findFirst()
                .orElseThrow()
                .getValue();
    }

    private EnvVar env(String name) {
        return elasticsearch.getEnv().stream()
                .filter(env -> env.getName().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private String mountPath(String volume) {
        return elasticsearch.getVolumeMounts().stream()
                .filter(mount -> mount.getName().equals(volume))
                .map(VolumeMount::getMountPath)
                .findFirst()
                .orElseThrow();
    }

    private List<String> secretVolumes() {
        return pod.getVolumes().stream()
                .filter(volume -> volume.getSecret() != null)
                .map(Volume::getSecret)
                .map(secret -> secret.getSecretName())
                .toList();
    }

    /** A certificate name as TLS matches it: a leading {@code *} stands for exactly one DNS label. */
    private static Pattern wildcard(String name) {
        return Pattern.compile(Pattern.quote(name).replace("*", "\\E[a-z0-9-]+\\Q"));
    }
}
