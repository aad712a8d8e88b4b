package io.dbaas.backup.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dbaas.testsupport.elasticsearch.ContainerImages;
import io.dbaas.testsupport.elasticsearch.ElasticsearchDistributions;
import io.dbaas.testsupport.elasticsearch.JobStandIn;
import io.dbaas.testsupport.elasticsearch.NfsExports;
import io.dbaas.testsupport.elasticsearch.StatefulSetStandIn;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The agent run as Nebula runs it: a {@code batch/v1} Job like the contract's agent Job, built here by hand (files under
 * {@code /var/run/dbaas}, parameters in a Secret written as {@code stringData}, volumes naming their {@code items}), carried out
 * by elasticsearch-node-support's Job stand-in (the Job controller and the kubelet) against a real one-node
 * Elasticsearch cluster whose backup repository is an NFS export. What Nebula reads back is what a real cluster
 * writes: the pod's {@code state.terminated} and the Job's counts and conditions.
 */
@EnableKubernetesMockClient(crud = true, https = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobStandInIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLUSTER_ID = UUID.randomUUID().toString();
    private static final String NAMESPACE = "dbaas-" + CLUSTER_ID;
    /** {@code [<prefix>/]accounts/<account>/clusters/<cluster>}, as Nebula lays backups out in the region's store. */
    private static final String BASE_PATH = "accounts/" + UUID.randomUUID() + "/clusters/" + CLUSTER_ID;

    private static final String AGENT_IMAGE = "dbaas/backup-agent:0.1.0-SNAPSHOT";
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(2);

    static KubernetesClient client;

    private SingleNodeElasticsearch node;
    private JobStandIn jobs;
    private Path export;
    private Path jobsDirectory;

    @BeforeAll
    void startANodeAndTheJobStandIn() throws IOException, URISyntaxException {
        assumeTrue(StatefulSetStandIn.supported(), "Real Elasticsearch nodes need root (mounts, a non-root node user)");
        String version = System.getProperty("dbaas.elasticsearch.versions", "").split(",")[0];
        assumeTrue(ElasticsearchDistributions.available(version), "the build provides Elasticsearch " + version);
        Path directory =
                Path.of("target", "job-stand-in", UUID.randomUUID().toString()).toAbsolutePath();
        // The export as its server's administrator leaves it: writable by the node's user.
        export = Files.createDirectories(directory.resolve("nfs-export"));
        Files.setPosixFilePermissions(export, PosixFilePermissions.fromString("rwxrwxrwx"));
        NfsExports exports = SingleNodeElasticsearch.export(export);
        node = SingleNodeElasticsearch.start(client, NAMESPACE, version, directory.resolve("node"), exports);
        ContainerImages images = new ContainerImages()
                .withJava(
                        "dbaas/backup-agent:",
                        directory.resolve("images").resolve("backup-agent"),
                        agentClasspath(),
                        BackupAgent.class.getName(),
                        List.of("-XX:TieredStopAtLevel=1"))
                .with("dbaas/shell:", directory, List.of("/bin/sh", "-c"));
        jobsDirectory = directory.resolve("jobs");
        jobs = JobStandIn.start(client, NAMESPACE, jobsDirectory, images, exports);
        client.resource(new SecretBuilder()
                        .withNewMetadata()
                        .withNamespace(NAMESPACE)
                        .withName("elasticsearch-credential")
                        .endMetadata()
                        .withData(Map.of(
                                "password", base64(node.password()),
                                // Not named by the Job's items: the agent's volume must not show it.
                                "unrelated", base64("not for the agent")))
                        .build())
                .create();
        node.awaitReady();
    }

    @AfterAll
    void stop() {
        if (jobs != null) {
            jobs.close();
        }
        if (node != null) {
            node.close();
        }
    }

    @Test
    void aTakeJobCompletesAndItsPodsTerminationMessageIsTheAgentsReport() {
        for (int i = 1; i <= 3; i++) {
            HttpResponse<String> indexed =
                    node.call("PUT", "orders/_doc/order-" + i + "?refresh=true", "{\"item\": \"book " + i + "\"}");
            assertThat(indexed.statusCode()).as(indexed.body()).isEqualTo(201);
        }
        String backupId = CLUSTER_ID + "-202612071800";

        Job job = awaitFinished(
                createAgentJob("take", backupId, SingleNodeElasticsearch.SNAPSHOTS_PATH + "/" + BASE_PATH));

        assertThat(conditionTypes(job)).containsExactly("SuccessCriteriaMet", "Complete");
        assertThat(job.getStatus().getSucceeded()).isEqualTo(1);
        assertThat(job.getStatus().getFailed()).isNull();
        assertThat(job.getStatus().getStartTime()).isNotNull();
        assertThat(job.getStatus().getCompletionTime()).isNotNull();
        List<Pod> pods = pods(job);
        assertThat(pods).singleElement().satisfies(pod -> {
            assertThat(pod.getMetadata().getName()).matches("backup-" + backupId + "-[bcdfghjklmnpqrstvwxz2456789]{5}");
            assertThat(pod.getMetadata().getLabels())
                    .containsEntry("dbaas.io/backup-id", backupId)
                    .containsEntry("controller-uid", job.getMetadata().getUid());
            assertThat(pod.getStatus().getPhase()).isEqualTo("Succeeded");
        });
        ContainerStateTerminated terminated = terminated(pods.getFirst());
        assertThat(terminated.getExitCode()).isZero();
        assertThat(terminated.getReason()).isEqualTo("Completed");
        assertThat(terminated.getFinishedAt()).isNotNull();
        JsonNode report = JSON.readTree(terminated.getMessage());
        assertThat(report.path("outcome").asString()).isEqualTo("SUCCEEDED");
        assertThat(report.path("backup_id").asString()).isEqualTo(backupId);
        assertThat(report.path("state").asString()).isEqualTo("SUCCESS");
        assertThat(report.path("size_in_bytes").asLong()).isPositive();
        assertThat(terminated.getMessage()).doesNotContain(node.password());
        assertThat(jobsDirectory
                        .resolve("pods")
                        .resolve(pods.getFirst().getMetadata().getName())
                        .resolve("volumes")
                        .resolve("credential"))
                .as("the credential volume holds only the entry its items name")
                .isDirectoryContaining(path -> path.getFileName().toString().equals("password"))
                .isDirectoryNotContaining(path -> path.getFileName().toString().equals("unrelated"));
        assertThat(export.resolve(BASE_PATH))
                .as("the node wrote the snapshot to the NFS export, where every cluster of the region finds it")
                .isDirectoryContaining(path -> path.getFileName().toString().startsWith("index-"));
    }

    @Test
    void aTakeJobOutsideTheRepositoryPathFailsAfterBackoffLimitPlusOnePodsWithElasticsearchsReason() {
        String backupId = CLUSTER_ID + "-202612071900";

        Job job = awaitFinished(createAgentJob("take", backupId, "/var/backups/elsewhere"));

        assertThat(conditionTypes(job)).containsExactly("FailureTarget", "Failed");
        assertThat(job.getStatus().getConditions().getLast().getReason()).isEqualTo("BackoffLimitExceeded");
        assertThat(job.getStatus().getFailed()).isEqualTo(3);
        assertThat(job.getStatus().getSucceeded()).isNull();
        assertThat(job.getStatus().getCompletionTime()).isNull();
        List<Pod> pods = pods(job);
        assertThat(pods).hasSize(3).allSatisfy(pod -> {
            assertThat(pod.getStatus().getPhase()).isEqualTo("Failed");
            ContainerStateTerminated terminated = terminated(pod);
            assertThat(terminated.getExitCode()).isEqualTo(1);
            assertThat(terminated.getReason()).isEqualTo("Error");
            JsonNode report = JSON.readTree(terminated.getMessage());
            assertThat(report.path("outcome").asString()).isEqualTo("FAILED");
            assertThat(report.path("reason").asString())
                    .startsWith("registering repository dbaas-backups failed (HTTP 500: repository_exception:")
                    .contains("path.repo");
        });
    }

    @Test
    void aContainerThatWritesNoTerminationMessageAndFailsIsReportedByTheEndOfItsLog() {
        Job job = awaitFinished(client.resource(new JobBuilder()
                        .withNewMetadata()
                        .withNamespace(NAMESPACE)
                        .withName("no-message")
                        .endMetadata()
                        .withNewSpec()
                        .withBackoffLimit(0)
                        .withNewTemplate()
                        .withNewSpec()
                        .withRestartPolicy("Never")
                        .withNewSecurityContext()
                        .withRunAsUser(1000L)
                        .endSecurityContext()
                        .addNewContainer()
                        .withName("shell")
                        .withImage("dbaas/shell:1")
                        .withArgs("seq 1 200; echo the reason it failed; exit 3")
                        .withTerminationMessagePolicy("FallbackToLogsOnError")
                        .endContainer()
                        .endSpec()
                        .endTemplate()
                        .endSpec()
                        .build())
                .create());

        ContainerStateTerminated terminated = terminated(pods(job).getFirst());
        assertThat(terminated.getExitCode()).isEqualTo(3);
        assertThat(terminated.getMessage())
                .as("the log's last 80 lines, as the kubelet falls back to")
                .startsWith("122\n")
                .endsWith("200\nthe reason it failed");
    }

    @Test
    void aDeletedJobStopsItsRunningContainerAndItsPodIsGone() {
        Job job = client.resource(new JobBuilder()
                        .withNewMetadata()
                        .withNamespace(NAMESPACE)
                        .withName("long-running")
                        .endMetadata()
                        .withNewSpec()
                        .withBackoffLimit(2)
                        .withNewTemplate()
                        .withNewSpec()
                        .withRestartPolicy("Never")
                        .withTerminationGracePeriodSeconds(5L)
                        .withNewSecurityContext()
                        .withRunAsUser(1000L)
                        .endSecurityContext()
                        .addNewContainer()
                        .withName("shell")
                        .withImage("dbaas/shell:1")
                        .withArgs("exec sleep 600")
                        .endContainer()
                        .endSpec()
                        .endTemplate()
                        .endSpec()
                        .build())
                .create();
        await().atMost(JOB_TIMEOUT)
                .until(() -> pods(job).size() == 1
                        && "Running".equals(pods(job).getFirst().getStatus().getPhase()));
        String pod = pods(job).getFirst().getMetadata().getName();
        assertThat(jobs.containerRunning(pod)).isTrue();

        client.resource(job).delete();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(jobs.containerRunning(pod)).isFalse();
            assertThat(client.pods().inNamespace(NAMESPACE).withName(pod).get()).isNull();
        });
    }

    @Test
    void aPodWhoseImageNoTestMappedWaitsWithErrImagePullAndTheJobStaysActive() {
        Job job = client.resource(new JobBuilder()
                        .withNewMetadata()
                        .withNamespace(NAMESPACE)
                        .withName("unknown-image")
                        .endMetadata()
                        .withNewSpec()
                        .withBackoffLimit(2)
                        .withNewTemplate()
                        .withNewSpec()
                        .withRestartPolicy("Never")
                        .withNewSecurityContext()
                        .withRunAsUser(1000L)
                        .endSecurityContext()
                        .addNewContainer()
                        .withName("agent")
                        .withImage("registry.example.test/nobody-mapped:1")
                        .endContainer()
                        .endSpec()
                        .endTemplate()
                        .endSpec()
                        .build())
                .create();

        await().atMost(JOB_TIMEOUT)
                .untilAsserted(() -> assertThat(pods(job)).singleElement().satisfies(pod -> {
                    assertThat(pod.getStatus().getPhase()).isEqualTo("Pending");
                    // The pod is created before the kubelet writes its first container status.
                    assertThat(pod.getStatus().getContainerStatuses()).isNotEmpty();
                    assertThat(pod.getStatus()
                                    .getContainerStatuses()
                                    .getFirst()
                                    .getState()
                                    .getWaiting()
                                    .getReason())
                            .isEqualTo("ErrImagePull");
                }));
        Job live = client.resource(job).get();
        assertThat(live.getStatus().getActive()).isEqualTo(1);
        assertThat(conditionTypes(live)).isEmpty();
        client.resource(job).delete();
    }

    /** A Job as the contract has Nebula write it for one action on one backup of an Elasticsearch cluster. */
    private Job createAgentJob(String action, String backupId, String location) {
        String name = "backup-" + backupId;
        // As Nebula writes it: stringData, which a real API server turns into data (the stand-in's kubelet does here).
        client.resource(new SecretBuilder()
                        .withNewMetadata()
                        .withNamespace(NAMESPACE)
                        .withName(name)
                        .endMetadata()
                        .withStringData(Map.of("parameters.json", """
                                {"repository": {"name": "dbaas-backups", "type": "fs",
                                  "settings": {"location": "%s", "compress": "true"}}}""".formatted(location)))
                        .build())
                .createOr(existing -> existing.update());
        Map<String, String> labels = Map.of("dbaas.io/backup-id", backupId, "dbaas.io/backup-action", action);
        return client.resource(new JobBuilder()
                        .withNewMetadata()
                        .withNamespace(NAMESPACE)
                        .withName(name)
                        .withLabels(labels)
                        .endMetadata()
                        .withNewSpec()
                        .withBackoffLimit(2)
                        .withNewTemplate()
                        .withNewMetadata()
                        .withLabels(labels)
                        .endMetadata()
                        .withNewSpec()
                        .withRestartPolicy("Never")
                        .withAutomountServiceAccountToken(false)
                        .withNewSecurityContext()
                        .withRunAsNonRoot(true)
                        .withRunAsUser(1000L)
                        .withRunAsGroup(1000L)
                        .withFsGroup(1000L)
                        .endSecurityContext()
                        .addNewContainer()
                        .withName("backup-agent")
                        .withImage(AGENT_IMAGE)
                        .addNewEnv()
                        .withName("BACKUP_ACTION")
                        .withValue(action)
                        .endEnv()
                        .addNewEnv()
                        .withName("BACKUP_ENGINE")
                        .withValue("elasticsearch")
                        .endEnv()
                        .addNewEnv()
                        .withName("BACKUP_ID")
                        .withValue(backupId)
                        .endEnv()
                        .addNewEnv()
                        .withName("BACKUP_ENDPOINTS")
                        .withValue(node.serviceEndpoint())
                        .endEnv()
                        .addNewEnv()
                        .withName("BACKUP_ENGINE_USERNAME")
                        .withValue(SingleNodeElasticsearch.USER)
                        .endEnv()
                        .addNewEnv()
                        .withName("BACKUP_ENGINE_CREDENTIAL_FILE")
                        .withValue("/var/run/dbaas/credential/password")
                        .endEnv()
                        .addNewEnv()
                        .withName("BACKUP_PARAMETERS_FILE")
                        .withValue("/var/run/dbaas/parameters/parameters.json")
                        .endEnv()
                        .withTerminationMessagePolicy("FallbackToLogsOnError")
                        .withNewSecurityContext()
                        .withAllowPrivilegeEscalation(false)
                        .withReadOnlyRootFilesystem(true)
                        .withNewCapabilities()
                        .withDrop("ALL")
                        .endCapabilities()
                        .endSecurityContext()
                        .withNewResources()
                        .addToLimits("memory", new Quantity("256Mi"))
                        .endResources()
                        .addNewVolumeMount()
                        .withName("credential")
                        .withMountPath("/var/run/dbaas/credential")
                        .withReadOnly(true)
                        .endVolumeMount()
                        .addNewVolumeMount()
                        .withName("parameters")
                        .withMountPath("/var/run/dbaas/parameters")
                        .withReadOnly(true)
                        .endVolumeMount()
                        .endContainer()
                        .addNewVolume()
                        .withName("credential")
                        .withNewSecret()
                        .withSecretName("elasticsearch-credential")
                        .addNewItem()
                        .withKey("password")
                        .withPath("password")
                        .endItem()
                        .withDefaultMode(0400)
                        .endSecret()
                        .endVolume()
                        .addNewVolume()
                        .withName("parameters")
                        .withNewSecret()
                        .withSecretName(name)
                        .addNewItem()
                        .withKey("parameters.json")
                        .withPath("parameters.json")
                        .endItem()
                        .withDefaultMode(0440)
                        .endSecret()
                        .endVolume()
                        .endSpec()
                        .endTemplate()
                        .endSpec()
                        .build())
                .create();
    }

    private Job awaitFinished(Job created) {
        return await().atMost(JOB_TIMEOUT).until(() -> client.resource(created).get(), job -> !conditionTypes(job)
                .isEmpty());
    }

    private static List<String> conditionTypes(Job job) {
        return job.getStatus() == null || job.getStatus().getConditions() == null
                ? List.of()
                : job.getStatus().getConditions().stream()
                        .map(JobCondition::getType)
                        .toList();
    }

    private List<Pod> pods(Job job) {
        return client.pods()
                .inNamespace(NAMESPACE)
                .withLabel("job-name", job.getMetadata().getName())
                .list()
                .getItems();
    }

    private static ContainerStateTerminated terminated(Pod pod) {
        return pod.getStatus().getContainerStatuses().getFirst().getState().getTerminated();
    }

    /** The agent's runtime classpath, as its image holds it: its classes and Jackson's jars. */
    private static List<Path> agentClasspath() throws URISyntaxException {
        return Stream.of(BackupAgent.class, ObjectMapper.class, JsonParser.class, JsonProperty.class)
                .map(type -> type.getProtectionDomain().getCodeSource().getLocation())
                .map(location -> {
                    try {
                        return Path.of(location.toURI());
                    } catch (URISyntaxException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .distinct()
                .toList();
    }

    private static String base64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }
}
