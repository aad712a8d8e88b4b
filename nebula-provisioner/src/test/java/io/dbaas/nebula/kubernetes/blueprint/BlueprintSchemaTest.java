package io.dbaas.nebula.kubernetes.blueprint;

import static org.assertj.core.api.Assertions.assertThat;

import io.dbaas.contracts.Engine;
import io.dbaas.kubernetes.schema.KubernetesSchemas;
import io.dbaas.nebula.config.BackupStorageType;
import io.dbaas.nebula.config.Exposure;
import io.dbaas.nebula.config.GatekeeperPeers;
import io.dbaas.nebula.config.MonitoringPeers;
import io.dbaas.nebula.config.RegionProperties;
import io.dbaas.nebula.config.TestBackupStorage;
import io.dbaas.nebula.config.TestRegions;
import io.dbaas.nebula.infrastructure.DBClusterSpecs;
import io.dbaas.nebula.infrastructure.TestSpecs;
import io.dbaas.nebula.kubernetes.model.DesiredCluster;
import io.dbaas.nebula.kubernetes.model.GeneratedSecret.SecretInputs;
import io.dbaas.nebula.kubernetes.model.Labels;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every object every blueprint renders, for specs and regions that take different paths through the model, checked
 * against the strict Kubernetes schemas and for the metadata Nebula itself relies on.
 */
class BlueprintSchemaTest {

    private static final KubernetesSchemas SCHEMAS = KubernetesSchemas.strict();

    static Stream<Arguments> renderings() {
        List<Arguments> renderings = new ArrayList<>();
        for (EngineBlueprint blueprint : TestBlueprints.all()) {
            for (int nodes : new int[] {1, 3}) {
                regions().forEach((name, region) -> {
                    if (blueprint.engine() == Engine.QDRANT
                            && region.backupStorage() != null
                            && region.backupStorage().type() != BackupStorageType.S3) {
                        return; // refused: Qdrant stores snapshots in S3-compatible storage only
                    }
                    DBClusterSpecs specs = TestSpecs.copy(TestSpecs.of(blueprint.engine(), UUID.randomUUID(), nodes))
                            .account(UUID.randomUUID())
                            .build();
                    renderings.add(Arguments.of(
                            blueprint.engine().id() + ", " + nodes + " node(s), " + name,
                            blueprint.render(specs, region)));
                });
            }
        }
        return renderings.stream();
    }

    private static Map<String, RegionProperties> regions() {
        Map<String, RegionProperties> regions = new LinkedHashMap<>(plainRegions());
        regions.put(
                "backups in an S3-compatible store",
                TestRegions.region().backupStorage(TestBackupStorage.minio()).build());
        regions.put(
                "backups in Amazon S3",
                TestRegions.region().backupStorage(TestBackupStorage.amazonS3()).build());
        regions.put(
                "backups in GCS",
                TestRegions.region().backupStorage(TestBackupStorage.gcs()).build());
        regions.put(
                "backups in Azure",
                TestRegions.region().backupStorage(TestBackupStorage.azure()).build());
        return regions;
    }

    private static Map<String, RegionProperties> plainRegions() {
        return Map.of(
                "cluster-ip, default storage class",
                TestRegions.region().build(),
                "load-balancer, storage class, annotations, zones",
                TestRegions.region()
                        .exposure(Exposure.LOAD_BALANCER)
                        .storageClass("fast-ssd")
                        .serviceAnnotations(Map.of("service.beta.kubernetes.io/aws-load-balancer-internal", "true"))
                        .zones("eu-west-1a", "eu-west-1b")
                        .build(),
                "gatekeeper outside the cluster",
                TestRegions.region()
                        .exposure(Exposure.LOAD_BALANCER)
                        .gatekeeper(new GatekeeperPeers(Map.of(), Map.of(), List.of("10.0.0.0/16", "fd00::/8")))
                        .build(),
                "scraped by the platform's Prometheus operator",
                TestRegions.region()
                        .monitoring(new MonitoringPeers(
                                Map.of("kubernetes.io/metadata.name", "monitoring"),
                                Map.of("app.kubernetes.io/name", "prometheus")))
                        .prometheusOperator(true)
                        .build());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void everyRenderedObjectIsValidKubernetes(String rendering, DesiredCluster cluster) {
        // Generated Secrets are checked with real content too; each may derive from the ones before it.
        Secret masterKey = cluster.masterKeySecretHolding("k".repeat(32));
        Map<String, Secret> generated = new HashMap<>();
        generated.put(masterKey.getMetadata().getName(), masterKey);
        cluster.generatedSecrets()
                .forEach(secret -> generated.put(
                        secret.name(), secret.generate(new SecretInputs(generated, List.of("203.0.113.7")))));
        List<HasMetadata> objects =
                new ArrayList<>(cluster.inApplyOrder(masterKey, secret -> generated.get(secret.name())));
        objects.add(cluster.masterKeySecretWithPlaceholder("<generated once by Nebula>"));
        cluster.generatedSecrets().forEach(secret -> objects.add(secret.withPlaceholder("<generated once by Nebula>")));

        assertThat(objects).hasSizeGreaterThanOrEqualTo(8);
        for (HasMetadata object : objects) {
            assertThat(SCHEMAS.violations(object)).as(describe(object)).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void everyObjectHasTheMetadataNebulaReliesOn(String rendering, DesiredCluster cluster) {
        for (HasMetadata object : cluster.inApplyOrder(cluster.masterKeySecret())) {
            assertThat(object.getApiVersion()).as(describe(object)).isNotBlank();
            assertThat(object.getMetadata().getName()).as(describe(object)).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
            assertThat(object.getMetadata().getLabels())
                    .as(describe(object))
                    .containsEntry(Labels.MANAGED_BY, Labels.NEBULA);
            if (!(object instanceof Namespace)) {
                assertThat(object.getMetadata().getNamespace())
                        .as(describe(object))
                        .isEqualTo(cluster.namespaceName());
            }
        }
        cluster.statefulSets().forEach(statefulSet -> {
            assertThat(statefulSet.getSpec().getVolumeClaimTemplates())
                    .allSatisfy(
                            claim -> assertThat(claim.getMetadata().getName()).isNotBlank());
            assertThat(statefulSet.getSpec().getTemplate().getMetadata().getLabels())
                    .containsAllEntriesOf(statefulSet.getSpec().getSelector().getMatchLabels());
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void everyPodPassesTheRestrictedPodSecurityProfileItsNamespaceEnforces(String rendering, DesiredCluster cluster) {
        assertThat(cluster.namespace().getMetadata().getLabels())
                .containsEntry("pod-security.kubernetes.io/enforce", "restricted")
                .containsKey("pod-security.kubernetes.io/enforce-version");
        assertThat(cluster.statefulSets()).isNotEmpty().allSatisfy(statefulSet -> assertThat(
                        RestrictedProfile.violations(
                                statefulSet.getSpec().getTemplate().getSpec()))
                .as(describe(statefulSet))
                .isEmpty());
        assertThat(cluster.deployments()).allSatisfy(deployment -> assertThat(RestrictedProfile.violations(
                        deployment.getSpec().getTemplate().getSpec()))
                .as(describe(deployment))
                .isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void imagesNameTheirRegistryAndDisruptionBudgetsNeverBlockADrainOnAnUnhealthyPod(
            String rendering, DesiredCluster cluster) {
        Stream.concat(
                        cluster.statefulSets().stream()
                                .map(statefulSet -> statefulSet.getSpec().getTemplate()),
                        cluster.deployments().stream()
                                .map(deployment -> deployment.getSpec().getTemplate()))
                .forEach(
                        template -> assertThat(template.getSpec().getContainers())
                                .allSatisfy(
                                        container -> assertThat(container.getImage())
                                                .as("a runtime's default registry must not decide which image runs")
                                                .matches(
                                                        "[a-z0-9-]+(\\.[a-z0-9-]+)+/[a-z0-9./_-]+:[A-Za-z0-9._-]+(@sha256:[0-9a-f]{64})?")));
        assertThat(cluster.podDisruptionBudgets()).isNotEmpty().allSatisfy(budget -> assertThat(
                        budget.getSpec().getUnhealthyPodEvictionPolicy())
                .isEqualTo("AlwaysAllow"));
    }

    private static String describe(HasMetadata object) {
        return object.getKind() + " " + object.getMetadata().getName();
    }
}
