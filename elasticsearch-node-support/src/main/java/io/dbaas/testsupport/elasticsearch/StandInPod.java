package io.dbaas.testsupport.elasticsearch;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pod of the StatefulSet: its object in the API, made from the template it was created from, and the kubelet's
 * work for it: volumes, the container as a process, the startup and readiness probes on their periods, the pre-stop
 * hook and the termination grace period, and the pod's status written back.
 */
final class StandInPod {

    private static final Logger log = LoggerFactory.getLogger(StandInPod.class);

    /** The StatefulSet controller's record of the template a pod was made from. */
    static final String TEMPLATE_HASH = "stand-in.dbaas.io/template-hash";

    private final KubernetesClient client;
    private final String namespace;
    private final String name;
    private final int ordinal;
    private final String address;
    private final String nodeName;
    private final String templateHash;
    private final Pod template;
    private final PodVolumes volumes;
    private final Path directory;
    private final ClusterDns dns;

    private volatile @Nullable ContainerProcess container;
    private volatile boolean started;
    private volatile boolean ready;
    private volatile boolean terminating;
    private volatile int failures;
    /** Readiness probes run, and times the pod went from ready to unready: what a test counts instead of waiting. */
    private final AtomicInteger readinessProbes = new AtomicInteger();

    private final AtomicInteger timesUnready = new AtomicInteger();
    private volatile String lastProbeOutput = "";
    private volatile int restarts;

    StandInPod(
            KubernetesClient client,
            StatefulSet statefulSet,
            int ordinal,
            String address,
            String nodeName,
            String templateHash,
            Path directory,
            Path claims,
            ClusterDns dns,
            NfsExports nfsExports) {
        this.client = client;
        this.namespace = statefulSet.getMetadata().getNamespace();
        this.name = statefulSet.getMetadata().getName() + "-" + ordinal;
        this.ordinal = ordinal;
        this.address = address;
        this.nodeName = nodeName;
        this.templateHash = templateHash;
        this.directory = directory;
        this.dns = dns;
        this.template = podFrom(statefulSet);
        this.volumes = new PodVolumes(client, namespace, directory, claims, fsGroup(), nfsExports);
    }

    String name() {
        return name;
    }

    int ordinal() {
        return ordinal;
    }

    String address() {
        return address;
    }

    String templateHash() {
        return templateHash;
    }

    boolean ready() {
        return ready && !terminating;
    }

    boolean terminating() {
        return terminating;
    }

    boolean running() {
        ContainerProcess process = container;
        return process != null && process.alive();
    }

    int restarts() {
        return restarts;
    }

    String lastProbeOutput() {
        return lastProbeOutput;
    }

    int readinessProbes() {
        return readinessProbes.get();
    }

    int timesUnready() {
        return timesUnready.get();
    }

    int readinessFailureThreshold() {
        Integer threshold = mainContainer().getReadinessProbe().getFailureThreshold();
        return threshold == null ? 3 : threshold;
    }

    @Nullable
    ContainerProcess container() {
        return container;
    }

    Path log() {
        return directory.resolve("container.log");
    }

    /** Creates the pod object, as the StatefulSet controller does, and schedules it on its node. */
    void create() {
        client.resource(template).create();
        writeStatus();
        dns.pod(name, address);
    }

    /** Starts the container, as the kubelet does once the pod is scheduled: volumes first. */
    void startContainer() {
        Pod pod = live();
        volumes.sync(pod);
        Container spec = mainContainer();
        List<ContainerProcess.Mount> mounts = new ArrayList<>();
        for (VolumeMount mount : spec.getVolumeMounts()) {
            Path source = volumes.directory(pod, mount.getName());
            if (mount.getSubPath() != null && !mount.getSubPath().isEmpty()) {
                // The kubelet binds what the subPath resolves to now; later updates of the volume never reach it.
                source = source.resolve("..data").resolve(mount.getSubPath());
            }
            mounts.add(
                    new ContainerProcess.Mount(source, mount.getMountPath(), Boolean.TRUE.equals(mount.getReadOnly())));
        }
        List<String> command = new ArrayList<>();
        if (spec.getCommand() != null) {
            command.addAll(spec.getCommand());
        }
        if (spec.getArgs() != null) {
            command.addAll(spec.getArgs());
        }
        // The pod's network namespace listens on the wildcard address; here the pod's address is its own.
        command.add("-Enetwork.bind_host=" + address);
        String version = ElasticsearchDistributions.versionOf(spec.getImage());
        started = false;
        ready = false;
        failures = 0;
        container = ContainerProcess.start(
                ElasticsearchDistributions.home(version),
                mounts,
                dns.file(),
                identity(spec),
                environment(spec),
                command,
                MemoryCgroup.limited(namespace + "-" + name, memoryLimit(spec)),
                log());
        log.info(
                "Pod {}/{} at {} started Elasticsearch {} (pid {})",
                namespace,
                name,
                address,
                version,
                container.pid());
    }

    /**
     * One round of the kubelet for this pod: volumes brought up to date, then the startup probe until it passed and the
     * readiness probe after it; whether the pod's readiness changed.
     */
    boolean probe() {
        ContainerProcess process = container;
        if (process == null || !process.alive() || terminating) {
            return setReady(false);
        }
        volumes.sync(live());
        if (!started) {
            started = tcpOpen(mainContainer().getStartupProbe());
            return false;
        }
        Probe readiness = mainContainer().getReadinessProbe();
        ContainerProcess.Execution result =
                process.exec(readiness.getExec().getCommand(), Duration.ofSeconds(readiness.getTimeoutSeconds()));
        lastProbeOutput = result.output();
        readinessProbes.incrementAndGet();
        if (result.succeeded()) {
            failures = 0;
            return setReady(true);
        }
        failures++;
        return ready && failures >= readiness.getFailureThreshold() ? setReady(false) : false;
    }

    Duration readinessPeriod() {
        return Duration.ofSeconds(mainContainer().getReadinessProbe().getPeriodSeconds());
    }

    /**
     * Deletes the pod as the API does on a graceful delete: out of the endpoints at once, the pre-stop hook, SIGTERM,
     * and SIGKILL once the termination grace period is over; then the object is gone.
     */
    void delete() {
        terminating = true;
        setReady(false);
        ContainerProcess process = container;
        if (process != null && process.alive()) {
            Instant deadline = Instant.now().plusSeconds(template.getSpec().getTerminationGracePeriodSeconds());
            var preStop = mainContainer().getLifecycle() == null
                    ? null
                    : mainContainer().getLifecycle().getPreStop();
            if (preStop != null && preStop.getExec() != null) {
                ContainerProcess.Execution hook =
                        process.exec(preStop.getExec().getCommand(), Duration.between(Instant.now(), deadline));
                log.info("Pod {}/{}: pre-stop hook exited {} {}", namespace, name, hook.exitStatus(), hook.output());
            }
            process.terminate();
            if (!process.awaitExit(Duration.between(Instant.now(), deadline).plusSeconds(1))) {
                log.warn("Pod {}/{} outlived its grace period: killed", namespace, name);
                process.kill();
                process.awaitExit(Duration.ofSeconds(10));
            }
        }
        client.pods().inNamespace(namespace).withName(name).delete();
        dns.removePod(name);
    }

    /** SIGKILL to the container, as a node failure or the OOM killer would; the kubelet restarts it later. */
    void kill() {
        ContainerProcess process = container;
        if (process != null) {
            process.kill();
            process.awaitExit(Duration.ofSeconds(10));
        }
        setReady(false);
    }

    /** The test is over: the container is killed and what it held on this host released. */
    void close() {
        kill();
        ContainerProcess process = container;
        if (process != null) {
            process.memory().remove();
        }
    }

    /** The kubelet restarting a container that exited, in the same pod: same volumes, emptyDirs included. */
    void restartContainer() {
        restarts++;
        startContainer();
    }

    private boolean setReady(boolean value) {
        if (ready == value) {
            return false;
        }
        if (!value) {
            timesUnready.incrementAndGet();
        }
        ready = value;
        writeStatus();
        return true;
    }

    private void writeStatus() {
        String now = Instant.now().toString();
        String readiness = ready() ? "True" : "False";
        try {
            client.pods().inNamespace(namespace).withName(name).editStatus(pod -> {
                pod.setStatus(new PodStatusBuilder()
                        .withPhase("Running")
                        .withPodIP(address)
                        .withHostIP(address)
                        .withConditions(
                                new PodConditionBuilder()
                                        .withType("Ready")
                                        .withStatus(readiness)
                                        .withLastTransitionTime(now)
                                        .build(),
                                new PodConditionBuilder()
                                        .withType("ContainersReady")
                                        .withStatus(readiness)
                                        .withLastTransitionTime(now)
                                        .build())
                        .withContainerStatuses(new ContainerStatusBuilder()
                                .withName(mainContainer().getName())
                                .withImage(mainContainer().getImage())
                                .withReady(ready())
                                .withStarted(started)
                                .withRestartCount(restarts)
                                .withNewState()
                                .withNewRunning()
                                .withStartedAt(now)
                                .endRunning()
                                .endState()
                                .build())
                        .build());
                return pod;
            });
        } catch (RuntimeException e) {
            log.debug("Status of pod {}/{} not written: {}", namespace, name, e.getMessage());
        }
    }

    private boolean tcpOpen(Probe probe) {
        int port = probe.getTcpSocket().getPort().getIntVal();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private Pod live() {
        Pod pod = client.pods().inNamespace(namespace).withName(name).get();
        return pod == null ? template : pod;
    }

    private Container mainContainer() {
        return template.getSpec().getContainers().getFirst();
    }

    private Pod podFrom(StatefulSet statefulSet) {
        KubernetesSerialization serialization = client.getKubernetesSerialization();
        var podTemplate = serialization.clone(statefulSet.getSpec().getTemplate());
        Map<String, String> annotations = new LinkedHashMap<>(
                podTemplate.getMetadata().getAnnotations() == null
                        ? Map.of()
                        : podTemplate.getMetadata().getAnnotations());
        annotations.put(TEMPLATE_HASH, templateHash);
        return new PodBuilder()
                .withNewMetadata()
                .withNamespace(namespace)
                .withName(name)
                .withLabels(podTemplate.getMetadata().getLabels())
                .withAnnotations(annotations)
                .endMetadata()
                .withSpec(podTemplate.getSpec())
                .editSpec()
                .withNodeName(nodeName)
                .withHostname(name)
                .withSubdomain(statefulSet.getSpec().getServiceName())
                .addAllToVolumes(claimVolumes(statefulSet))
                .endSpec()
                .build();
    }

    /** The StatefulSet's volume claims, each the claim of this pod: {@code <template>-<statefulset>-<ordinal>}. */
    private List<Volume> claimVolumes(StatefulSet statefulSet) {
        return statefulSet.getSpec().getVolumeClaimTemplates().stream()
                .map(claim -> new VolumeBuilder()
                        .withName(claim.getMetadata().getName())
                        .withNewPersistentVolumeClaim()
                        .withClaimName(claim.getMetadata().getName() + "-" + name)
                        .endPersistentVolumeClaim()
                        .build())
                .toList();
    }

    private ContainerProcess.Identity identity(Container container) {
        PodSecurityContext pod = template.getSpec().getSecurityContext();
        SecurityContext own = container.getSecurityContext();
        Long user = own != null && own.getRunAsUser() != null
                ? own.getRunAsUser()
                : pod == null ? null : pod.getRunAsUser();
        Long group = own != null && own.getRunAsGroup() != null
                ? own.getRunAsGroup()
                : pod == null ? null : pod.getRunAsGroup();
        if (user == null || user == 0) {
            throw new IllegalStateException("pod " + name + " would run as root, which Elasticsearch refuses");
        }
        return new ContainerProcess.Identity(user, group == null ? user : group, fsGroup());
    }

    private long fsGroup() {
        PodSecurityContext pod = template.getSpec().getSecurityContext();
        return pod == null || pod.getFsGroup() == null ? 0 : pod.getFsGroup();
    }

    /**
     * The container's environment as the kubelet resolves it, after the image's own ({@code PATH}); and the one thing
     * this stand-in adds, the JVM the image would have bundled.
     */
    private Map<String, String> environment(Container container) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        environment.put("HOME", ContainerProcess.IMAGE_ROOT);
        environment.put("HOSTNAME", name);
        environment.put("ES_JAVA_HOME", System.getProperty("java.home"));
        environment.putAll(new EnvironmentVariables(client, namespace, name, address, nodeName).resolve(container));
        return environment;
    }

    private static long memoryLimit(Container container) {
        Quantity limit =
                container.getResources() == null || container.getResources().getLimits() == null
                        ? null
                        : container.getResources().getLimits().get("memory");
        if (limit == null) {
            throw new IllegalStateException("container " + container.getName() + " has no memory limit");
        }
        return Quantity.getAmountInBytes(limit).longValueExact();
    }
}
