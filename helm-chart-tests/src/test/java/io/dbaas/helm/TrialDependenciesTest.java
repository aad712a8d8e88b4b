package io.dbaas.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.LintResult;
import io.dbaas.helm.support.HelmChart;
import io.dbaas.helm.support.Manifests;
import io.dbaas.helm.support.TrialDependencies;
import io.dbaas.kubernetes.schema.KubernetesSchemas;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The trial PostgreSQL and Kafka: what the API server accepts, as restricted as their images allow, no secret in it. */
class TrialDependenciesTest {

    private final Manifests manifests = TrialDependencies.render();

    @Test
    void theChartPassesHelmLintInStrictMode() {
        LintResult result = TrialDependencies.lint();

        assertThat(result.isFailed())
                .as("lint failed: %s", result.getMessages())
                .isFalse();
        assertThat(result.getMessages())
                .noneMatch(message -> message.contains("[ERROR]") || message.contains("[WARNING]"));
    }

    @Test
    void everyRenderedObjectMatchesItsKubernetesSchemaInTheReleaseNamespace() {
        assertThat(manifests.objects())
                .extracting(
                        object -> object.getKind() + "/" + object.getMetadata().getName())
                .containsExactlyInAnyOrder(
                        "StatefulSet/dbaas-trial-postgres",
                        "Service/dbaas-trial-postgres",
                        "NetworkPolicy/dbaas-trial-postgres",
                        "StatefulSet/dbaas-trial-kafka",
                        "Service/dbaas-trial-kafka",
                        "NetworkPolicy/dbaas-trial-kafka");
        assertThat(manifests.documents())
                .flatMap(document -> KubernetesSchemas.strict().violations(document).stream()
                        .map(violation -> document.path("kind").asText() + ": " + violation)
                        .toList())
                .isEmpty();
        assertThat(manifests.objects()).allSatisfy(object -> {
            assertThat(object.getMetadata().getNamespace()).isEqualTo(HelmChart.NAMESPACE);
            assertThat(object.getMetadata().getLabels())
                    .containsEntry("app.kubernetes.io/instance", TrialDependencies.RELEASE)
                    .containsEntry("app.kubernetes.io/part-of", "dbaas-trial-dependencies");
        });
    }

    @Test
    void theImagesArePostgres15AndKafka411() {
        assertThat(container("postgres").getImage()).isEqualTo("postgres:15");
        assertThat(container("kafka").getImage()).isEqualTo("apache/kafka:4.1.1");
    }

    @Test
    void bothRunAsTheirImagesNonRootUserUnderPodSecuritysRestrictedProfile() {
        assertThat(pod("postgres").getSecurityContext().getRunAsUser()).isEqualTo(999L);
        assertThat(pod("kafka").getSecurityContext().getRunAsUser()).isEqualTo(1000L);
        assertThat(manifests.all(StatefulSet.class)).hasSize(2).allSatisfy(statefulSet -> {
            PodSpec pod = statefulSet.getSpec().getTemplate().getSpec();
            assertThat(pod.getAutomountServiceAccountToken()).isFalse();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
            assertThat(pod.getSecurityContext().getFsGroup())
                    .isEqualTo(pod.getSecurityContext().getRunAsGroup());
            assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
            assertThat(pod.getContainers()).singleElement().satisfies(container -> {
                var security = container.getSecurityContext();
                assertThat(security.getRunAsNonRoot()).isTrue();
                assertThat(security.getAllowPrivilegeEscalation()).isFalse();
                assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
                assertThat(security.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
                assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
                assertThat(container.getResources().getLimits()).containsKey("memory");
                assertThat(container.getReadinessProbe()).isNotNull();
                assertThat(container.getLivenessProbe()).isNotNull();
            });
        });
    }

    @Test
    void postgresWritesOnlyToItsVolumesOnAReadOnlyRootFileSystem() {
        Container postgres = container("postgres");

        assertThat(postgres.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(postgres.getVolumeMounts())
                .extracting(mount -> mount.getMountPath())
                .containsExactlyInAnyOrder("/var/lib/postgresql/data", "/var/run/postgresql", "/tmp");
        assertThat(env(postgres)).containsEntry("PGDATA", "/var/lib/postgresql/data/pgdata");
    }

    @Test
    void eachKeepsItsDataOnAPersistentVolumeOfItsOwn() {
        assertThat(manifests.all(StatefulSet.class)).allSatisfy(statefulSet -> {
            assertThat(statefulSet.getSpec().getReplicas()).isEqualTo(1);
            PersistentVolumeClaim claim =
                    statefulSet.getSpec().getVolumeClaimTemplates().getFirst();
            assertThat(claim.getMetadata().getName()).isEqualTo("data");
            assertThat(claim.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
            assertThat(claim.getSpec()
                            .getResources()
                            .getRequests()
                            .get("storage")
                            .toString())
                    .isEqualTo("2Gi");
            assertThat(claim.getSpec().getStorageClassName()).isNull();
        });
        assertThat(TrialDependencies.render("postgres: {storage: {size: 5Gi, storageClass: fast}}")
                        .called(StatefulSet.class, TrialDependencies.name("postgres"))
                        .getSpec()
                        .getVolumeClaimTemplates()
                        .getFirst()
                        .getSpec()
                        .getStorageClassName())
                .isEqualTo("fast");
    }

    @Test
    void theDatabaseUserComesFromTheOperatorsSecretAndTheChartRendersNoSecret() {
        var user = container("postgres").getEnv().stream()
                .filter(variable -> variable.getName().equals("POSTGRES_USER"))
                .findFirst()
                .orElseThrow();
        var password = container("postgres").getEnv().stream()
                .filter(variable -> variable.getName().equals("POSTGRES_PASSWORD"))
                .findFirst()
                .orElseThrow();

        assertThat(user.getValueFrom().getSecretKeyRef().getName()).isEqualTo("dbaas-trial-database");
        assertThat(password.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("password");
        assertThat(password.getValue()).isNull();
        assertThat(manifests.ofKind("Secret")).isEmpty();
        assertThat(TrialDependencies.refusal("postgres: {existingSecret: \"\"}"))
                .contains("postgres.existingSecret is required")
                .contains("kubectl create secret generic dbaas-trial-database");
    }

    @Test
    void kafkaIsASingleKraftNodeAdvertisingItsServiceWithSingleReplicaInternalTopics() {
        Map<String, String> env = env(container("kafka"));

        assertThat(env)
                .containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
                .containsEntry("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@localhost:9093")
                .containsEntry("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://dbaas-trial-kafka.dbaas-system.svc:9092")
                .containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
                .containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
                .containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1");
        assertThat(env.get("CLUSTER_ID")).matches("[A-Za-z0-9_-]{22}");
        assertThat(env.get("KAFKA_LOG_DIRS")).startsWith("/var/lib/kafka/data/");
    }

    @Test
    void onlyTheControlPlanesPodsMayReachThemAndTheControlPlanesPodsCarryThatLabel() {
        Map<String, Integer> ports = Map.of("postgres", 5432, "kafka", 9092);
        ports.forEach((component, port) -> {
            NetworkPolicy policy = manifests.called(NetworkPolicy.class, TrialDependencies.name(component));
            assertThat(policy.getSpec().getPodSelector().getMatchLabels())
                    .containsEntry("app.kubernetes.io/name", component);
            NetworkPolicyIngressRule rule = policy.getSpec().getIngress().getFirst();
            assertThat(policy.getSpec().getIngress()).hasSize(1);
            assertThat(rule.getPorts()).singleElement().satisfies(allowed -> assertThat(
                            allowed.getPort().getIntVal())
                    .isEqualTo(port));
            assertThat(rule.getFrom()).singleElement().satisfies(peer -> {
                assertThat(peer.getNamespaceSelector()).isNull();
                assertThat(peer.getPodSelector().getMatchLabels())
                        .containsExactly(Map.entry("app.kubernetes.io/part-of", "dbaas-control-plane"));
            });
        });
        assertThat(HelmChart.render().all(Deployment.class)).hasSize(3).allSatisfy(deployment -> assertThat(
                        deployment.getSpec().getTemplate().getMetadata().getLabels())
                .containsEntry("app.kubernetes.io/part-of", "dbaas-control-plane"));
        assertThat(TrialDependencies.render("networkPolicy: {enabled: false}").all(NetworkPolicy.class))
                .isEmpty();
    }

    private PodSpec pod(String component) {
        return manifests
                .called(StatefulSet.class, TrialDependencies.name(component))
                .getSpec()
                .getTemplate()
                .getSpec();
    }

    private Container container(String component) {
        return pod(component).getContainers().getFirst();
    }

    /** The container's variables with a plain value. */
    private static Map<String, String> env(Container container) {
        return container.getEnv().stream()
                .filter(variable -> variable.getValue() != null)
                .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    }
}
