package io.dbaas.nebula.kubernetes.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.dbaas.contracts.Engine;
import io.dbaas.nebula.config.Exposure;
import io.dbaas.nebula.config.GatekeeperPeers;
import io.dbaas.nebula.config.RegionProperties;
import io.dbaas.nebula.config.TestRegions;
import io.dbaas.nebula.infrastructure.DBClusterSpecs;
import io.dbaas.nebula.infrastructure.TestSpecs;
import io.dbaas.nebula.kubernetes.blueprint.TestBlueprints;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class QdrantClusterTest {

    private static final UUID CLUSTER_ID = UUID.fromString("3f1c2b9a-8d4e-4f6a-b2c1-0a9e8d7c6b5a");
    private static final String NAMESPACE = "dbaas-" + CLUSTER_ID;

    private final QdrantCluster cluster =
            QdrantCluster.fromSpecs(TestSpecs.qdrant(CLUSTER_ID), region("fast-ssd"), GatekeeperPeers.DEFAULT);

    @Test
    void statefulSetRunsTheRequestedNodesInParallelWithTheRequestedImage() {
        StatefulSet statefulSet = cluster.generateStatefulSet();

        assertThat(statefulSet.getMetadata().getName()).isEqualTo(ResourceNames.QDRANT_STATEFUL_SET);
        assertThat(statefulSet.getMetadata().getNamespace()).isEqualTo(NAMESPACE);
        assertThat(statefulSet.getSpec().getReplicas()).isEqualTo(3);
        assertThat(statefulSet.getSpec().getPodManagementPolicy()).isEqualTo("Parallel");
        assertThat(statefulSet.getSpec().getServiceName()).isEqualTo(ResourceNames.QDRANT_HEADLESS_SERVICE);
        // Fully qualified: runtimes with other (or no) default registries pull the same image.
        assertThat(qdrant(statefulSet).getImage()).isEqualTo("docker.io/qdrant/qdrant:v1.13.4");
    }

    @Test
    void requestsEqualLimitsAsClaimed() {
        Container qdrant = qdrant(cluster.generateStatefulSet());

        Map<String, Quantity> expected = Map.of("cpu", new Quantity("500m"), "memory", new Quantity("1Gi"));
        assertThat(qdrant.getResources().getRequests()).isEqualTo(expected);
        assertThat(qdrant.getResources().getLimits()).isEqualTo(expected);
    }

    @Test
    void volumeClaimTemplateHasTheClaimedSizeOnTheRegionStorageClass() {
        PersistentVolumeClaim claim = storageClaim(cluster.generateStatefulSet());

        assertThat(claim.getMetadata().getName()).isEqualTo(ResourceNames.QDRANT_STORAGE_VOLUME);
        assertThat(claim.getSpec().getResources().getRequests()).containsEntry("storage", new Quantity("10Gi"));
        assertThat(claim.getSpec().getStorageClassName()).isEqualTo("fast-ssd");
        assertThat(qdrant(cluster.generateStatefulSet()).getVolumeMounts()).anySatisfy(mount -> {
            assertThat(mount.getName()).isEqualTo(ResourceNames.QDRANT_STORAGE_VOLUME);
            assertThat(mount.getMountPath()).isEqualTo("/qdrant/storage");
        });
    }

    @Test
    void storageClassIsLeftOutWhenTheRegionUsesTheDefaultOne() {
        QdrantCluster onDefaultStorage =
                QdrantCluster.fromSpecs(TestSpecs.qdrant(CLUSTER_ID), region(""), GatekeeperPeers.DEFAULT);

        assertThat(storageClaim(onDefaultStorage.generateStatefulSet())
                        .getSpec()
                        .getStorageClassName())
                .isNull();
    }

    @Test
    void clientServiceExposesHttpAndGrpcButNeverThePeerPort() {
        for (Exposure exposure : Exposure.values()) {
            Service service = QdrantCluster.fromSpecs(
                            TestSpecs.qdrant(CLUSTER_ID), region("", exposure, Map.of()), GatekeeperPeers.DEFAULT)
                    .generateClientService();

            assertThat(service.getMetadata().getName()).isEqualTo(ResourceNames.QDRANT_CLIENT_SERVICE);
            assertThat(service.getSpec().getPorts())
                    .extracting(ServicePort::getPort)
                    .containsExactly(6333, 6334)
                    .doesNotContain(QdrantCluster.P2P_PORT);
        }
    }

    @Test
    void clientServiceTypeAndAnnotationsFollowTheRegion() {
        Map<String, String> annotations = Map.of("service.beta.kubernetes.io/aws-load-balancer-scheme", "internal");
        Service loadBalanced = QdrantCluster.fromSpecs(
                        TestSpecs.qdrant(CLUSTER_ID),
                        region("", Exposure.LOAD_BALANCER, annotations),
                        GatekeeperPeers.DEFAULT)
                .generateClientService();

        assertThat(loadBalanced.getSpec().getType()).isEqualTo("LoadBalancer");
        assertThat(loadBalanced.getMetadata().getAnnotations()).isEqualTo(annotations);
        assertThat(cluster.generateClientService().getSpec().getType()).isEqualTo("ClusterIP");
    }

    @Test
    void headlessServicePublishesNotReadyPodsOnAllThreePorts() {
        Service headless = cluster.generateHeadlessService();

        assertThat(headless.getMetadata().getName()).isEqualTo(ResourceNames.QDRANT_HEADLESS_SERVICE);
        assertThat(headless.getSpec().getClusterIP()).isEqualTo("None");
        assertThat(headless.getSpec().getPublishNotReadyAddresses()).isTrue();
        assertThat(headless.getSpec().getPorts())
                .extracting(ServicePort::getPort)
                .containsExactly(6333, 6334, 6335);
    }

    @Test
    void readyPeersServiceListsReadyPodsOnlyWithTheHeadlessServicesSelector() {
        Service ready = cluster.generateReadyPeersService();

        assertThat(ready.getMetadata().getName()).isEqualTo(ResourceNames.QDRANT_READY_SERVICE);
        assertThat(ready.getSpec().getClusterIP()).isEqualTo("None");
        assertThat(ready.getSpec().getPublishNotReadyAddresses()).isFalse();
        assertThat(ready.getSpec().getSelector())
                .isEqualTo(cluster.generateHeadlessService().getSpec().getSelector());
        assertThat(ready.getSpec().getPorts()).extracting(ServicePort::getPort).containsExactly(6335);
        assertThat(cluster.generateServices())
                .extracting(service -> service.getMetadata().getName())
                .containsExactly(
                        ResourceNames.QDRANT_HEADLESS_SERVICE,
                        ResourceNames.QDRANT_READY_SERVICE,
                        ResourceNames.QDRANT_CLIENT_SERVICE);
    }

    @Test
    void podsStartWithTheScriptThatNamesThemByTheirStablePeerHostsOverTlsAndFindsReadyPeersThroughKubernetes() {
        String script = cluster.generateConfigMap().getData().get("initialize.sh");

        // What the script does with these is proven by running it: QdrantStartScriptTest.
        assertThat(script).contains("pod_host() { printf 'qdrant-%s.qdrant-headless." + NAMESPACE + "' \"$1\"; }");
        assertThat(script).contains("addresses 'qdrant-ready." + NAMESPACE + "'");
        // The scheme of peer URIs is the pod's own p2p setting, which this StatefulSet turns on: https.
        assertThat(script).contains("p2p_port=6335", "\"${QDRANT__CLUSTER__P2P__ENABLE_TLS:-false}\" = \"true\"");
        assertThat(qdrant(cluster.generateStatefulSet()).getEnv())
                .anyMatch(variable -> variable.getName().equals("QDRANT__CLUSTER__P2P__ENABLE_TLS")
                        && "true".equals(variable.getValue()));
        assertThat(script).doesNotContain("http://", "/dev/tcp", "6333");
        assertThat(qdrant(cluster.generateStatefulSet()).getCommand())
                .containsExactly("/bin/bash", "/qdrant/config/initialize.sh");
    }

    @Test
    void theStartScriptIsTheSameForEveryNumberOfNodesSoScalingRestartsNoPod() {
        assertThat(QdrantCluster.fromSpecs(TestSpecs.qdrant(CLUSTER_ID, 5), region("fast-ssd"), GatekeeperPeers.DEFAULT)
                        .generateConfigMap())
                .isEqualTo(cluster.generateConfigMap());
    }

    @Test
    void telemetryIsOffAndSnapshotsAndTemporaryFilesGoToBoundedScratchVolumes() {
        PodSpec pod = cluster.generateStatefulSet().getSpec().getTemplate().getSpec();
        Container qdrant = pod.getContainers().getFirst();

        assertThat(env(qdrant, "QDRANT__TELEMETRY_DISABLED").getValue()).isEqualTo("true");
        assertThat(mountedVolume(
                        pod, env(qdrant, "QDRANT__STORAGE__SNAPSHOTS_PATH").getValue()))
                .satisfies(volume -> assertThat(volume.getEmptyDir().getSizeLimit())
                        .as("a snapshot holds at most the node's data")
                        .isEqualTo(new Quantity("10Gi")));
        assertThat(mountedVolume(pod, env(qdrant, "QDRANT__STORAGE__TEMP_PATH").getValue()))
                .satisfies(volume ->
                        assertThat(volume.getEmptyDir().getSizeLimit()).isEqualTo(new Quantity("10Gi")));
        assertThat(pod.getVolumes())
                .filteredOn(volume -> volume.getEmptyDir() != null)
                .allSatisfy(volume -> assertThat(volume.getEmptyDir().getSizeLimit())
                        .as(volume.getName())
                        .isNotNull());
    }

    @Test
    void collectionsCreatedWithoutAReplicationFactorSurviveTheLossOfANodeOnceTheClusterHasTwo() {
        Container single = qdrant(
                QdrantCluster.fromSpecs(TestSpecs.qdrant(CLUSTER_ID, 1), region("fast-ssd"), GatekeeperPeers.DEFAULT)
                        .generateStatefulSet());
        Container scaledToThree = qdrant(
                QdrantCluster.fromSpecs(TestSpecs.qdrant(CLUSTER_ID, 3), region("fast-ssd"), GatekeeperPeers.DEFAULT)
                        .generateStatefulSet());

        assertThat(single.getEnv())
                .extracting(EnvVar::getName)
                .doesNotContain("QDRANT__STORAGE__COLLECTION__REPLICATION_FACTOR");
        assertThat(env(scaledToThree, "QDRANT__STORAGE__COLLECTION__REPLICATION_FACTOR")
                        .getValue())
                .isEqualTo("2");
        assertThat(env(
                                qdrant(QdrantCluster.fromSpecs(
                                                TestSpecs.qdrant(CLUSTER_ID, 2), region(""), GatekeeperPeers.DEFAULT)
                                        .generateStatefulSet()),
                                "QDRANT__STORAGE__COLLECTION__REPLICATION_FACTOR")
                        .getValue())
                .isEqualTo("2");
        // Writes still need a single acknowledging copy: a cluster with a node down keeps taking them.
        assertThat(scaledToThree.getEnv())
                .extracting(EnvVar::getName)
                .noneMatch(name -> name.contains("WRITE_CONSISTENCY_FACTOR"));
    }

    @Test
    void qdrantReadsItsApiKeyFromTheSecretAndRunsInClusterMode() {
        Container qdrant = qdrant(cluster.generateStatefulSet());

        EnvVar apiKey = env(qdrant, "QDRANT__SERVICE__API_KEY");
        assertThat(apiKey.getValue()).isNull();
        assertThat(apiKey.getValueFrom().getSecretKeyRef().getName()).isEqualTo(ResourceNames.QDRANT_MASTER_KEY_SECRET);
        assertThat(apiKey.getValueFrom().getSecretKeyRef().getKey()).isEqualTo(ResourceNames.MASTER_KEY_ENTRY);
        assertThat(env(qdrant, "QDRANT__CLUSTER__ENABLED").getValue()).isEqualTo("true");
        assertThat(qdrant.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
        assertThat(qdrant.getReadinessProbe().getHttpGet().getPort().getIntVal())
                .isEqualTo(6333);
        assertThat(qdrant.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/livez");
    }

    @Test
    void qdrantServesTlsOnItsClientPortsAndBetweenPeersWithTheMountedCertificateAndProbesSpeakHttps() {
        PodSpec pod = cluster.generateStatefulSet().getSpec().getTemplate().getSpec();
        Container qdrant = pod.getContainers().getFirst();

        assertThat(env(qdrant, "QDRANT__SERVICE__ENABLE_TLS").getValue()).isEqualTo("true");
        assertThat(env(qdrant, "QDRANT__CLUSTER__P2P__ENABLE_TLS").getValue()).isEqualTo("true");
        assertThat(env(qdrant, "QDRANT__TLS__CERT").getValue()).isEqualTo("/qdrant/tls/tls.crt");
        assertThat(env(qdrant, "QDRANT__TLS__KEY").getValue()).isEqualTo("/qdrant/tls/tls.key");
        assertThat(env(qdrant, "QDRANT__TLS__CA_CERT").getValue()).isEqualTo("/qdrant/tls/ca.crt");
        // Renewed certificates are read again without a restart.
        assertThat(Integer.parseInt(env(qdrant, "QDRANT__TLS__CERT_TTL").getValue()))
                .isPositive();
        assertThat(qdrant.getVolumeMounts())
                .filteredOn(mount -> mount.getMountPath().equals("/qdrant/tls"))
                .singleElement()
                .satisfies(mount -> {
                    assertThat(mount.getReadOnly()).isTrue();
                    assertThat(mount.getSubPath()).isNull();
                    Volume volume = pod.getVolumes().stream()
                            .filter(candidate -> candidate.getName().equals(mount.getName()))
                            .findFirst()
                            .orElseThrow();
                    assertThat(volume.getSecret().getSecretName()).isEqualTo(ResourceNames.QDRANT_CERTIFICATES_SECRET);
                    assertThat(volume.getSecret().getDefaultMode()).isEqualTo(0440);
                });
        // The CA's key stays in its own Secret, which no pod mounts.
        assertThat(pod.getVolumes())
                .filteredOn(volume -> volume.getSecret() != null)
                .extracting(volume -> volume.getSecret().getSecretName())
                .containsExactly(ResourceNames.QDRANT_CERTIFICATES_SECRET);
        assertThat(Stream.of(qdrant.getStartupProbe(), qdrant.getLivenessProbe(), qdrant.getReadinessProbe()))
                .allSatisfy(probe -> assertThat(probe.getHttpGet().getScheme()).isEqualTo("HTTPS"));
    }

    @Test
    void masterKeySecretHoldsTheGivenKeyOnlyOnceTheReconcilerGivesIt() {
        DesiredCluster desired = TestBlueprints.qdrant().render(TestSpecs.qdrant(CLUSTER_ID), region("fast-ssd"));

        assertThat(desired.masterKeySecret().getMetadata().getName()).isEqualTo(ResourceNames.QDRANT_MASTER_KEY_SECRET);
        assertThat(desired.masterKeySecret().getData()).isNullOrEmpty();
        Secret secret = desired.masterKeySecretHolding("k".repeat(32));
        assertThat(new String(
                        Base64.getDecoder().decode(secret.getData().get(ResourceNames.MASTER_KEY_ENTRY)),
                        StandardCharsets.UTF_8))
                .isEqualTo("k".repeat(32));
        assertThat(MasterKeySecrets.masterKey(secret)).contains("k".repeat(32));
    }

    @Test
    void statefulSetRemembersWhatTheStatusSideNeeds() {
        DBClusterSpecs specs = TestSpecs.qdrant(CLUSTER_ID);

        assertThat(cluster.generateStatefulSet().getMetadata().getAnnotations())
                .containsEntry(Annotations.CLUSTER_ENDPOINT, specs.endpoint())
                .containsEntry(Annotations.PROVIDER, "minikube")
                .containsEntry(Annotations.REGION, "local")
                .containsEntry(Annotations.COMMAND_ID, specs.commandId().toString())
                .containsEntry(Annotations.CORRELATION_ID, specs.correlationId().toString())
                .doesNotContainKey(Annotations.TRACE_ID);
    }

    @Test
    void everyObjectCarriesTheClusterLabelsAndADnsLabelName() {
        Map<String, String> labels = Map.of(
                "app.kubernetes.io/name",
                "qdrant",
                "app.kubernetes.io/instance",
                CLUSTER_ID.toString(),
                "app.kubernetes.io/managed-by",
                "nebula",
                "dbaas.io/cluster-id",
                CLUSTER_ID.toString());

        for (HasMetadata object : allObjects()) {
            if (object instanceof Namespace) {
                assertThat(object.getMetadata().getLabels())
                        .as(object.getKind())
                        .containsAllEntriesOf(labels);
            } else {
                assertThat(object.getMetadata().getLabels())
                        .as(object.getKind())
                        .isEqualTo(labels);
            }
            assertThat(object.getMetadata().getName())
                    .hasSizeLessThanOrEqualTo(63)
                    .matches("[a-z0-9-]+");
        }
        StatefulSet statefulSet = cluster.generateStatefulSet();
        assertThat(statefulSet.getSpec().getTemplate().getMetadata().getLabels())
                .isEqualTo(labels);
        assertThat(statefulSet.getSpec().getSelector().getMatchLabels())
                .isEqualTo(Map.of(
                        "app.kubernetes.io/name", "qdrant", "app.kubernetes.io/instance", CLUSTER_ID.toString()));
    }

    @Test
    void renderingIsDeterministic() {
        QdrantCluster again =
                QdrantCluster.fromSpecs(TestSpecs.qdrant(CLUSTER_ID), region("fast-ssd"), GatekeeperPeers.DEFAULT);

        assertThat(again.generateStatefulSet()).isEqualTo(cluster.generateStatefulSet());
        assertThat(again.generateConfigMap()).isEqualTo(cluster.generateConfigMap());
    }

    @Test
    void refusesSpecsThatCannotMakeValidObjects() {
        DBClusterSpecs good = TestSpecs.qdrant(CLUSTER_ID);

        assertThatThrownBy(
                        () -> QdrantCluster.fromSpecs(withVersion(good, "latest"), region(""), GatekeeperPeers.DEFAULT))
                .isInstanceOf(InvalidClusterSpecsException.class)
                .hasMessageContaining("'latest'");
        assertThatThrownBy(() -> QdrantCluster.fromSpecs(withCpu(good, "two"), region(""), GatekeeperPeers.DEFAULT))
                .isInstanceOf(InvalidClusterSpecsException.class)
                .hasMessageContaining("cpu");
        assertThatThrownBy(() -> QdrantCluster.fromSpecs(withCpu(good, "0"), region(""), GatekeeperPeers.DEFAULT))
                .isInstanceOf(InvalidClusterSpecsException.class);
    }

    @Test
    void disruptionBudgetLetsOnePodGoAtATime() {
        PodDisruptionBudget budget = cluster.generatePodDisruptionBudget();

        assertThat(budget.getMetadata().getName()).isEqualTo(ResourceNames.QDRANT_POD_DISRUPTION_BUDGET);
        assertThat(budget.getSpec().getMaxUnavailable()).isEqualTo(new IntOrString(1));
        assertThat(budget.getSpec().getMinAvailable()).isNull();
        assertThat(budget.getSpec().getSelector().getMatchLabels()).isEqualTo(selector());
        // A running pod that is not ready never blocks a drain of its Kubernetes node.
        assertThat(budget.getSpec().getUnhealthyPodEvictionPolicy()).isEqualTo("AlwaysAllow");
    }

    @Test
    void networkPolicyAdmitsClientPortsFromGatekeeperAndThePortsPeersUseFromOwnPodsOnly() {
        NetworkPolicy policy = cluster.generateNetworkPolicy();

        assertThat(policy.getSpec().getPodSelector().getMatchLabels()).isEqualTo(selector());
        assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
        List<NetworkPolicyIngressRule> rules = policy.getSpec().getIngress();
        assertThat(rules).hasSize(3);
        // The backup agent's pods reach the REST API, and nothing else.
        assertThat(ports(rules.get(2))).containsExactly(6333);
        assertThat(rules.get(2).getFrom()).singleElement().satisfies(peer -> {
            assertThat(peer.getPodSelector().getMatchLabels()).isEqualTo(BackupAgentJob.selector(CLUSTER_ID));
            assertThat(peer.getNamespaceSelector()).isNull();
        });
        assertThat(ports(rules.get(0))).containsExactly(6333, 6334);
        NetworkPolicyPeer gatekeeper = rules.get(0).getFrom().getFirst();
        assertThat(gatekeeper.getNamespaceSelector().getMatchLabels())
                .isEqualTo(Map.of("kubernetes.io/metadata.name", "dbaas-system"));
        assertThat(gatekeeper.getPodSelector().getMatchLabels())
                .isEqualTo(Map.of("app.kubernetes.io/name", "gatekeeper-proxy"));
        // p2p for Raft, HTTP for snapshot shard transfers (how a replica recovers) and pod 0's readiness question.
        assertThat(ports(rules.get(1))).containsExactly(6333, 6335).doesNotContain(QdrantCluster.GRPC_PORT);
        assertThat(rules.get(1).getFrom()).singleElement().satisfies(peer -> {
            assertThat(peer.getPodSelector().getMatchLabels()).isEqualTo(selector());
            assertThat(peer.getNamespaceSelector()).isNull();
            assertThat(peer.getIpBlock()).isNull();
        });
    }

    @Test
    void networkPolicyTakesGatekeeperPeersFromConfigurationIncludingLoadBalancerSourceRanges() {
        GatekeeperPeers outside = new GatekeeperPeers(Map.of(), Map.of("app", "gk"), List.of("10.0.0.0/8"));

        List<NetworkPolicyPeer> peers = QdrantCluster.fromSpecs(TestSpecs.qdrant(CLUSTER_ID), region(""), outside)
                .generateNetworkPolicy()
                .getSpec()
                .getIngress()
                .getFirst()
                .getFrom();

        assertThat(peers).hasSize(2);
        assertThat(peers.get(0).getNamespaceSelector().getMatchLabels())
                .as("no namespace selector configured: GateKeeper pods in any namespace")
                .isEmpty();
        assertThat(peers.get(0).getPodSelector().getMatchLabels()).isEqualTo(Map.of("app", "gk"));
        assertThat(peers.get(1).getIpBlock().getCidr()).isEqualTo("10.0.0.0/8");
    }

    @Test
    void podsSpreadOverZonesAndNodesAsPreferencesWhenTheRegionNamesNoZones() {
        PodSpec pod = cluster.generateStatefulSet().getSpec().getTemplate().getSpec();

        assertThat(pod.getTopologySpreadConstraints())
                .extracting(TopologySpreadConstraint::getTopologyKey, TopologySpreadConstraint::getWhenUnsatisfiable)
                .containsExactly(
                        tuple("topology.kubernetes.io/zone", "ScheduleAnyway"),
                        tuple("kubernetes.io/hostname", "ScheduleAnyway"));
        assertThat(pod.getTopologySpreadConstraints()).allSatisfy(constraint -> {
            assertThat(constraint.getMaxSkew()).isEqualTo(1);
            assertThat(constraint.getLabelSelector().getMatchLabels()).isEqualTo(selector());
        });
        assertThat(pod.getAffinity()).isNull();
    }

    @Test
    void configuredZonesConfinePodsAndMakeTheZoneSpreadARule() {
        RegionProperties zoned = TestRegions.region()
                .zones("eu-west-1a", "eu-west-1b", "eu-west-1c")
                .build();

        PodSpec pod = QdrantCluster.fromSpecs(TestSpecs.qdrant(CLUSTER_ID), zoned, GatekeeperPeers.DEFAULT)
                .generateStatefulSet()
                .getSpec()
                .getTemplate()
                .getSpec();

        assertThat(pod.getTopologySpreadConstraints().getFirst().getWhenUnsatisfiable())
                .isEqualTo("DoNotSchedule");
        var zoneRule = pod.getAffinity()
                .getNodeAffinity()
                .getRequiredDuringSchedulingIgnoredDuringExecution()
                .getNodeSelectorTerms()
                .getFirst()
                .getMatchExpressions()
                .getFirst();
        assertThat(zoneRule.getKey()).isEqualTo("topology.kubernetes.io/zone");
        assertThat(zoneRule.getOperator()).isEqualTo("In");
        assertThat(zoneRule.getValues()).containsExactly("eu-west-1a", "eu-west-1b", "eu-west-1c");
    }

    @Test
    void podMeetsTheRestrictedPodSecurityStandardWithWritableMountsForWhatQdrantWrites() {
        PodSpec pod = cluster.generateStatefulSet().getSpec().getTemplate().getSpec();
        Container qdrant = pod.getContainers().getFirst();
        SecurityContext security = qdrant.getSecurityContext();

        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getFsGroup()).isEqualTo(3000L);
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(security.getRunAsNonRoot()).isTrue();
        assertThat(security.getRunAsUser()).isEqualTo(1000L);
        assertThat(security.getRunAsGroup()).isEqualTo(2000L);
        assertThat(security.getReadOnlyRootFilesystem()).isTrue();
        assertThat(security.getAllowPrivilegeEscalation()).isFalse();
        assertThat(security.getPrivileged()).isFalse();
        assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(security.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(qdrant.getVolumeMounts())
                .filteredOn(mount -> mount.getReadOnly() == null || !mount.getReadOnly())
                .extracting(VolumeMount::getMountPath)
                .containsExactlyInAnyOrder("/qdrant/storage", "/qdrant/snapshots", "/qdrant/init", "/tmp");
        assertThat(env(qdrant, "QDRANT_INIT_FILE_PATH").getValue()).startsWith("/qdrant/init/");
        assertThat(pod.getVolumes())
                .filteredOn(volume -> volume.getEmptyDir() != null)
                .extracting(Volume::getName)
                .containsExactlyInAnyOrder("snapshots", "init", "tmp");
        assertThat(pod.getHostNetwork()).isNull();
        assertThat(pod.getHostPID()).isNull();
        assertThat(pod.getHostIPC()).isNull();
        assertThat(qdrant.getPorts())
                .allSatisfy(port -> assertThat(port.getHostPort()).isNull());
    }

    @Test
    void namespaceEnforcesTheRestrictedPodSecurityProfile() {
        assertThat(cluster.generateNamespace().getMetadata().getLabels())
                .containsEntry("pod-security.kubernetes.io/enforce", "restricted")
                .containsEntry("pod-security.kubernetes.io/enforce-version", "v1.30")
                .containsEntry("pod-security.kubernetes.io/warn", "restricted")
                .containsEntry("pod-security.kubernetes.io/audit", "restricted");
    }

    @Test
    void startupProbeGuardsLivenessForHalfAnHourWhileCollectionsLoad() {
        Container qdrant = qdrant(cluster.generateStatefulSet());

        assertThat(qdrant.getStartupProbe().getHttpGet().getPath()).isEqualTo("/livez");
        assertThat(qdrant.getStartupProbe().getFailureThreshold()
                        * qdrant.getStartupProbe().getPeriodSeconds())
                .isGreaterThanOrEqualTo(1800);
        assertThat(qdrant.getLivenessProbe().getInitialDelaySeconds()).isNull();
        assertThat(qdrant.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/livez");
        assertThat(qdrant.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    }

    @Test
    void aStoppingNodeKeepsServingThroughTheRegionsPauseThenHasAMinuteToFlush() {
        RegionProperties slowLoadBalancers =
                TestRegions.region().preStopPause(Duration.ofSeconds(45)).build();
        StatefulSet statefulSet = QdrantCluster.fromSpecs(
                        TestSpecs.qdrant(CLUSTER_ID), slowLoadBalancers, GatekeeperPeers.DEFAULT)
                .generateStatefulSet();

        assertThat(qdrant(statefulSet).getLifecycle().getPreStop().getExec().getCommand())
                .containsExactly("sleep", "45");
        assertThat(statefulSet.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds())
                .isEqualTo(45L + 60L);
        assertThat(qdrant(cluster.generateStatefulSet())
                        .getLifecycle()
                        .getPreStop()
                        .getExec()
                        .getCommand())
                .containsExactly("sleep", "30");
    }

    private static List<Integer> ports(NetworkPolicyIngressRule rule) {
        return rule.getPorts().stream()
                .peek(port -> assertThat(port.getProtocol()).isEqualTo("TCP"))
                .map(port -> port.getPort().getIntVal())
                .toList();
    }

    private static Map<String, String> selector() {
        return Map.of("app.kubernetes.io/name", "qdrant", "app.kubernetes.io/instance", CLUSTER_ID.toString());
    }

    private List<HasMetadata> allObjects() {
        return Stream.<HasMetadata>of(
                        cluster.generateNamespace(),
                        cluster.generateMasterKeySecret(),
                        cluster.generateConfigMap(),
                        cluster.generateHeadlessService(),
                        cluster.generateClientService(),
                        cluster.generatePodDisruptionBudget(),
                        cluster.generateNetworkPolicy(),
                        cluster.generateStatefulSet(),
                        storageClaim(cluster.generateStatefulSet()))
                .toList();
    }

    private static Container qdrant(StatefulSet statefulSet) {
        return statefulSet.getSpec().getTemplate().getSpec().getContainers().getFirst();
    }

    private static PersistentVolumeClaim storageClaim(StatefulSet statefulSet) {
        return statefulSet.getSpec().getVolumeClaimTemplates().getFirst();
    }

    private static Volume mountedVolume(PodSpec pod, String path) {
        String name = pod.getContainers().getFirst().getVolumeMounts().stream()
                .filter(mount -> mount.getMountPath().equals(path))
                .map(VolumeMount::getName)
                .findFirst()
                .orElseThrow(() -> new AssertionError("nothing mounted at " + path));
        return pod.getVolumes().stream()
                .filter(volume -> volume.getName().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static EnvVar env(Container container, String name) {
        return container.getEnv().stream()
                .filter(env -> env.getName().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static RegionProperties region(String storageClass) {
        return region(storageClass, Exposure.CLUSTER_IP, Map.of());
    }

    private static RegionProperties region(String storageClass, Exposure exposure, Map<String, String> annotations) {
        return TestRegions.region()
                .storageClass(storageClass)
                .exposure(exposure)
                .serviceAnnotations(annotations)
                .build();
    }

    private static DBClusterSpecs withVersion(DBClusterSpecs specs, String version) {
        return TestSpecs.copy(specs).engine(Engine.QDRANT).version(version).build();
    }

    private static DBClusterSpecs withCpu(DBClusterSpecs specs, String cpu) {
        return TestSpecs.copy(specs).engine(Engine.QDRANT).cpu(cpu).build();
    }
}
