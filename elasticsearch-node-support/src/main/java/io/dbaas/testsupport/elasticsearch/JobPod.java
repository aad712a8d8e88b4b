package io.dbaas.testsupport.elasticsearch;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateTerminatedBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pod of a Job, made by the Job controller from the Job's template, and the kubelet's work for it: volumes, the
 * single container as a process, its termination message read after it exited, the pod's status written back.
 */
final class JobPod {

    private static final Logger log = LoggerFactory.getLogger(JobPod.class);

    /** The kubelet's limits: the file is read up to 4 KiB; the log's fallback is its last 80 lines, at most 2 KiB. */
    static final int MAX_MESSAGE_BYTES = 4096;

    static final int FALLBACK_LOG_LINES = 80;
    static final int FALLBACK_LOG_BYTES = 2048;
    static final String DEFAULT_TERMINATION_MESSAGE_PATH = "/dev/termination-log";

    private final KubernetesClient client;
    private final String namespace;
    private final String name;
    private final String address;
    private final Path directory;
    private final Pod template;
    private final PodVolumes volumes;
    private final ContainerImages images;
    private final String hosts;

    private volatile @Nullable ContainerProcess container;
    private volatile @Nullable Instant startedAt;
    private volatile @Nullable ContainerStateTerminated terminated;

    JobPod(
            KubernetesClient client,
            Job job,
            String name,
            String address,
            Path directory,
            Path claims,
            ContainerImages images,
            NfsExports nfsExports,
            String hosts) {
        this.client = client;
        this.namespace = job.getMetadata().getNamespace();
        this.name = name;
        this.address = address;
        this.directory = directory;
        this.images = images;
        this.hosts = hosts;
        this.template = podFrom(job);
        this.volumes = new PodVolumes(client, namespace, directory, claims, fsGroup(), nfsExports);
    }

    String name() {
        return name;
    }

    boolean running() {
        ContainerProcess process = container;
        return process != null && process.alive();
    }

    /** Whether the container ran and exited, and its end was recorded. */
    boolean terminated() {
        return terminated != null;
    }

    boolean succeeded() {
        ContainerStateTerminated end = terminated;
        return end != null && end.getExitCode() == 0;
    }

    /** Creates the pod object, as the Job controller does, already scheduled (there is one node). */
    void create() {
        client.resource(template).create();
        writeStatus(new PodStatusBuilder().withPhase("Pending").build());
    }

    /**
     * Starts the container, as the kubelet does: volumes, the termination message file, the environment; a container
     * that cannot start (a missing Secret key, an unknown image, root) leaves the pod pending with the kubelet's reason.
     */
    void start() {
        try {
            Files.createDirectories(directory);
            Pod pod = live();
            volumes.sync(pod);
            Container spec = mainContainer();
            ContainerImages.Image image = images.resolve(spec.getImage());
            Path hostsFile = directory.resolve("hosts");
            Path terminationLog = directory.resolve("termination-log");
            Files.writeString(hostsFile, ClusterDns.LOCALHOST + hosts, StandardCharsets.UTF_8);
            Files.write(terminationLog, new byte[0]);
            // The kubelet makes the file writable by whichever user the container runs as.
            PodVolumes.PosixModes.apply(terminationLog, 0666);
            Instant now = Instant.now();
            container = ContainerProcess.start(
                    image.root(),
                    mounts(pod, spec),
                    hostsFile,
                    identity(spec),
                    environment(spec),
                    command(image, spec),
                    memory(spec),
                    log(),
                    new ContainerProcess.Mount(terminationLog, terminationMessagePath(spec), false));
            startedAt = now;
            writeStatus(running(now));
            log.info("Job pod {}/{} started {} (pid {})", namespace, name, spec.getImage(), container.pid());
        } catch (RuntimeException | IOException e) {
            log.warn("Job pod {}/{} cannot start its container: {}", namespace, name, e.toString());
            writeStatus(waiting(e.getMessage()));
        }
    }

    /** Once the container exited: its exit code and termination message recorded in the pod's status. */
    void recordExit() {
        ContainerProcess process = container;
        Instant started = startedAt;
        if (process == null || started == null || process.alive() || terminated != null) {
            return;
        }
        int exitCode = process.exitCode();
        boolean oomKilled = process.memory().oomKills() > 0;
        process.memory().remove();
        ContainerStateTerminated end = new ContainerStateTerminatedBuilder()
                .withExitCode(exitCode)
                .withReason(exitCode == 0 ? "Completed" : oomKilled ? "OOMKilled" : "Error")
                .withMessage(terminationMessage(exitCode))
                .withStartedAt(started.toString())
                .withFinishedAt(Instant.now().toString())
                .build();
        terminated = end;
        writeStatus(new PodStatusBuilder()
                .withPhase(exitCode == 0 ? "Succeeded" : "Failed")
                .withPodIP(address)
                .withHostIP(address)
                .withStartTime(started.toString())
                .withContainerStatuses(new ContainerStatusBuilder()
                        .withName(mainContainer().getName())
                        .withImage(mainContainer().getImage())
                        .withReady(false)
                        .withStarted(false)
                        .withRestartCount(0)
                        .withNewState()
                        .withTerminated(end)
                        .endState()
                        .build())
                .build());
        log.info("Job pod {}/{} exited {}", namespace, name, exitCode);
    }

    /**
     * Deletes the pod as a Job's deletion does through the garbage collector: SIGTERM to a running container, SIGKILL
     * once the termination grace period is over, then the object is gone.
     */
    void delete() {
        ContainerProcess process = container;
        if (process != null && process.alive()) {
            Long grace = template.getSpec().getTerminationGracePeriodSeconds();
            process.terminate();
            if (!process.awaitExit(Duration.ofSeconds(grace == null ? 30 : grace))) {
                process.kill();
                process.awaitExit(Duration.ofSeconds(10));
            }
            process.memory().remove();
        }
        client.pods().inNamespace(namespace).withName(name).delete();
    }

    /** The test is over: the container is killed at once. */
    void close() {
        ContainerProcess process = container;
        if (process != null) {
            process.kill();
            process.awaitExit(Duration.ofSeconds(10));
            process.memory().remove();
        }
    }

    Path log() {
        return directory.resolve("container.log");
    }

    /**
     * The kubelet's termination message: the file's content; when it is empty, the container failed and its policy is
     * {@code FallbackToLogsOnError}, the end of its log.
     */
    private String terminationMessage(int exitCode) {
        try {
            byte[] file;
            try (var in = Files.newInputStream(directory.resolve("termination-log"))) {
                file = in.readNBytes(MAX_MESSAGE_BYTES);
            }
            if (file.length > 0
                    || exitCode == 0
                    || !"FallbackToLogsOnError".equals(mainContainer().getTerminationMessagePolicy())) {
                return new String(file, StandardCharsets.UTF_8);
            }
            List<String> lines = Files.readAllLines(log(), StandardCharsets.UTF_8);
            String tail =
                    String.join("\n", lines.subList(Math.max(0, lines.size() - FALLBACK_LOG_LINES), lines.size()));
            byte[] bytes = tail.getBytes(StandardCharsets.UTF_8);
            return bytes.length <= FALLBACK_LOG_BYTES
                    ? tail
                    : new String(bytes, bytes.length - FALLBACK_LOG_BYTES, FALLBACK_LOG_BYTES, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<ContainerProcess.Mount> mounts(Pod pod, Container spec) {
        List<ContainerProcess.Mount> mounts = new ArrayList<>();
        for (VolumeMount mount : spec.getVolumeMounts() == null ? List.<VolumeMount>of() : spec.getVolumeMounts()) {
            Path source = volumes.directory(pod, mount.getName());
            if (mount.getSubPath() != null && !mount.getSubPath().isEmpty()) {
                source = source.resolve("..data").resolve(mount.getSubPath());
            }
            mounts.add(
                    new ContainerProcess.Mount(source, mount.getMountPath(), Boolean.TRUE.equals(mount.getReadOnly())));
        }
        return mounts;
    }

    /** The image's entrypoint unless the container names a command of its own, then the container's arguments. */
    private static List<String> command(ContainerImages.Image image, Container spec) {
        List<String> command = new ArrayList<>(
                spec.getCommand() == null || spec.getCommand().isEmpty() ? image.entrypoint() : spec.getCommand());
        if (spec.getArgs() != null) {
            command.addAll(spec.getArgs());
        }
        return command;
    }

    private Map<String, String> environment(Container spec) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        environment.put("HOSTNAME", name);
        environment.putAll(new EnvironmentVariables(client, namespace, name, address, JobStandIn.NODE).resolve(spec));
        return environment;
    }

    private MemoryCgroup memory(Container spec) {
        Quantity limit = spec.getResources() == null || spec.getResources().getLimits() == null
                ? null
                : spec.getResources().getLimits().get("memory");
        return limit == null
                ? MemoryCgroup.unlimited()
                : MemoryCgroup.limited(
                        namespace + "-" + name, Quantity.getAmountInBytes(limit).longValueExact());
    }

    private ContainerProcess.Identity identity(Container spec) {
        PodSecurityContext pod = template.getSpec().getSecurityContext();
        SecurityContext own = spec.getSecurityContext();
        Long user = own != null && own.getRunAsUser() != null
                ? own.getRunAsUser()
                : pod == null ? null : pod.getRunAsUser();
        Long group = own != null && own.getRunAsGroup() != null
                ? own.getRunAsGroup()
                : pod == null ? null : pod.getRunAsGroup();
        if (user == null || user == 0) {
            throw new IllegalStateException(
                    "CreateContainerConfigError: this stand-in runs containers only as a non-root runAsUser");
        }
        return new ContainerProcess.Identity(user, group == null ? user : group, fsGroup());
    }

    private long fsGroup() {
        PodSecurityContext pod = template.getSpec().getSecurityContext();
        return pod == null || pod.getFsGroup() == null ? 0 : pod.getFsGroup();
    }

    private static String terminationMessagePath(Container spec) {
        String path = spec.getTerminationMessagePath();
        return path == null || path.isEmpty() ? DEFAULT_TERMINATION_MESSAGE_PATH : path;
    }

    private PodStatus running(Instant now) {
        return new PodStatusBuilder()
                .withPhase("Running")
                .withPodIP(address)
                .withHostIP(address)
                .withStartTime(now.toString())
                .withContainerStatuses(new ContainerStatusBuilder()
                        .withName(mainContainer().getName())
                        .withImage(mainContainer().getImage())
                        .withReady(true)
                        .withStarted(true)
                        .withRestartCount(0)
                        .withNewState()
                        .withNewRunning()
                        .withStartedAt(now.toString())
                        .endRunning()
                        .endState()
                        .build())
                .build();
    }

    private PodStatus waiting(@Nullable String message) {
        return new PodStatusBuilder()
                .withPhase("Pending")
                .withContainerStatuses(new ContainerStatusBuilder()
                        .withName(mainContainer().getName())
                        .withImage(mainContainer().getImage())
                        .withReady(false)
                        .withStarted(false)
                        .withRestartCount(0)
                        .withNewState()
                        .withNewWaiting()
                        .withReason(
                                message != null && message.startsWith("ErrImagePull")
                                        ? "ErrImagePull"
                                        : "CreateContainerConfigError")
                        .withMessage(message)
                        .endWaiting()
                        .endState()
                        .build())
                .build();
    }

    private void writeStatus(PodStatus status) {
        try {
            client.pods().inNamespace(namespace).withName(name).editStatus(pod -> {
                pod.setStatus(status);
                return pod;
            });
        } catch (RuntimeException e) {
            log.debug("Status of pod {}/{} not written: {}", namespace, name, e.getMessage());
        }
    }

    private Pod live() {
        Pod pod = client.pods().inNamespace(namespace).withName(name).get();
        return pod == null ? template : pod;
    }

    private Container mainContainer() {
        return template.getSpec().getContainers().getFirst();
    }

    /** The pod as the Job controller makes it: the template, its labels and the Job as its controlling owner. */
    private Pod podFrom(Job job) {
        var podTemplate =
                client.getKubernetesSerialization().clone(job.getSpec().getTemplate());
        String uid = JobStandIn.uid(job);
        Map<String, String> labels = new LinkedHashMap<>();
        if (podTemplate.getMetadata() != null && podTemplate.getMetadata().getLabels() != null) {
            labels.putAll(podTemplate.getMetadata().getLabels());
        }
        labels.put("job-name", job.getMetadata().getName());
        labels.put("controller-uid", uid);
        labels.put("batch.kubernetes.io/job-name", job.getMetadata().getName());
        labels.put("batch.kubernetes.io/controller-uid", uid);
        return new PodBuilder()
                .withNewMetadata()
                .withNamespace(namespace)
                .withName(name)
                .withLabels(labels)
                .withAnnotations(
                        podTemplate.getMetadata() == null
                                ? null
                                : podTemplate.getMetadata().getAnnotations())
                .addNewOwnerReference()
                .withApiVersion("batch/v1")
                .withKind("Job")
                .withName(job.getMetadata().getName())
                .withUid(uid)
                .withController(true)
                .withBlockOwnerDeletion(true)
                .endOwnerReference()
                .endMetadata()
                .withSpec(podTemplate.getSpec())
                .editSpec()
                .withNodeName(JobStandIn.NODE)
                .endSpec()
                .build();
    }
}
