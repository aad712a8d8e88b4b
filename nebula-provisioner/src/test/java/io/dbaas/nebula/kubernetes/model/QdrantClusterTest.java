package io.dbaas.nebula.kubernetes.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dbaas.contracts.Engine;
import io.dbaas.nebula.config.Exposure;
import io.dbaas.nebula.config.KubernetesAccess;
import io.dbaas.nebula.config.RegionProperties;
import io.dbaas.nebula.infrastructure.DBClusterSpecs;
import io.dbaas.nebula.infrastructure.TestSpecs;
import io.dbaas.nebula.kubernetes.blueprint.QdrantBlueprint;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class QdrantClusterTest {

    private static final UUID CLUSTER_ID = UUID.fromString("3f1c2b9a-8d4e-4f6a-b2c1-0a9e8d7c6b5a");
    private static final String NAMESPACE = "dbaas-" + CLUSTER_ID;

    private final QdrantCluster cluster = QdrantCluster.fromSpecs(TestSpecs.qdrant(CLUSTER_ID), region("fast-ssd"));

    @Test
    void statefulSetRunsTheRequestedNodesInParallelWithTheRequestedImage() {
        StatefulSet statefulSet = cluster.generateStatefulSet();

        assertThat(statefulSet.getMetadata().getName()).isEqualTo(ResourceNames.QDRANT_STATEFUL_SET);
        assertThat(statefulSet.getMetadata().getNamespace()).isEqualTo(NAMESPACE);
        assertThat(statefulSet.getSpec().getReplicas()).isEqualTo(3);
        assertThat(statefulSet.getSpec().getPodManagementPolicy()).isEqualTo("Parallel");
        assertThat(statefulSet.getSpec().getServiceName()).isEqualTo(ResourceNames.QDRANT_HEADLESS_SERVICE);
        assertThat(qdrant(statefulSet).getImage()).isEqualTo("qdrant/qdrant:v1.13.4");
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
        QdrantCluster onDefaultStorage = QdrantCluster.fromSpecs(TestSpecs.qdrant(CLUSTER_ID), region(""));

        assertThat(storageClaim(onDefaultStorage.generateStatefulSet())
                        .getSpec()
                        .getStorageClassName())
                .isNull();
    }

    @Test
    void clientServiceExposesHttpAndGrpcButNeverThePeerPort() {
        for (Exposure exposure : Exposure.values()) {
            Service service = QdrantCluster.fromSpecs(TestSpecs.qdrant(CLUSTER_ID), region("", exposure, Map.of()))
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
                        TestSpecs.qdrant(CLUSTER_ID), region("", Exposure.LOAD_BALANCER, annotations))
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
    void podZeroFoundsTheClusterAndTheOthersBootstrapFromIt() {
        String script = cluster.generateConfigMap().getData().get("initialize.sh");
        String founder = "http://qdrant-0.qdrant-headless." + NAMESPACE + ":6335";

        assertThat(script).contains("--uri '" + founder + "'");
        assertThat(script)
                .contains("--bootstrap '" + founder + "' --uri \"http://qdrant-${ordinal}.qdrant-headless." + NAMESPACE
                        + ":6335\"");
        assertThat(qdrant(cluster.generateStatefulSet()).getCommand())
                .containsExactly("/bin/bash", "/qdrant/config/initialize.sh");
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
    void masterKeySecretHoldsTheGivenKeyOnlyOnceTheReconcilerGivesIt() {
        DesiredCluster desired = new QdrantBlueprint().render(TestSpecs.qdrant(CLUSTER_ID), region("fast-ssd"));

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
            assertThat(object.getMetadata().getLabels()).as(object.getKind()).isEqualTo(labels);
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
        QdrantCluster again = QdrantCluster.fromSpecs(TestSpecs.qdrant(CLUSTER_ID), region("fast-ssd"));

        assertThat(again.generateStatefulSet()).isEqualTo(cluster.generateStatefulSet());
        assertThat(again.generateConfigMap()).isEqualTo(cluster.generateConfigMap());
    }

    @Test
    void refusesSpecsThatCannotMakeValidObjects() {
        DBClusterSpecs good = TestSpecs.qdrant(CLUSTER_ID);

        assertThatThrownBy(() -> QdrantCluster.fromSpecs(withVersion(good, "latest"), region("")))
                .isInstanceOf(InvalidClusterSpecsException.class)
                .hasMessageContaining("'latest'");
        assertThatThrownBy(() -> QdrantCluster.fromSpecs(withCpu(good, "two"), region("")))
                .isInstanceOf(InvalidClusterSpecsException.class)
                .hasMessageContaining("cpu");
        assertThatThrownBy(() -> QdrantCluster.fromSpecs(withCpu(good, "0"), region("")))
                .isInstanceOf(InvalidClusterSpecsException.class);
    }

    private List<HasMetadata> allObjects() {
        return Stream.<HasMetadata>of(
                        cluster.generateNamespace(),
                        cluster.generateMasterKeySecret(),
                        cluster.generateConfigMap(),
                        cluster.generateHeadlessService(),
                        cluster.generateClientService(),
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
        return new RegionProperties(
                new KubernetesAccess("", "", "", false, false), storageClass, exposure, "cluster.local", annotations);
    }

    private static DBClusterSpecs withVersion(DBClusterSpecs specs, String version) {
        return new DBClusterSpecs(
                specs.clusterId(),
                specs.name(),
                Engine.QDRANT,
                version,
                specs.nodes(),
                specs.cpu(),
                specs.memory(),
                specs.disk(),
                specs.provider(),
                specs.region(),
                specs.endpoint(),
                specs.commandId(),
                specs.correlationId(),
                specs.traceId());
    }

    private static DBClusterSpecs withCpu(DBClusterSpecs specs, String cpu) {
        return new DBClusterSpecs(
                specs.clusterId(),
                specs.name(),
                Engine.QDRANT,
                specs.version(),
                specs.nodes(),
                cpu,
                specs.memory(),
                specs.disk(),
                specs.provider(),
                specs.region(),
                specs.endpoint(),
                specs.commandId(),
                specs.correlationId(),
                specs.traceId());
    }
}
