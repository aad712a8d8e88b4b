package io.dbaas.testsupport.elasticsearch;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays, for one StatefulSet on an API server that does nothing by itself (fabric8's mock), the StatefulSet controller,
 * the kubelet of every pod, and the endpoints of one Service over the pods, with real Elasticsearch nodes as the
 * containers (see the package documentation for what differs from a real cluster).
 *
 * <ul>
 *   <li>Scaling: missing pods are created all at once (the parallel pod management policy), pods beyond the replicas
 *       deleted gracefully.
 *   <li>Rolling update: when the pod template changes, the pod of the highest ordinal still on the old template is
 *       deleted and created again, and only once every pod is ready again the next one.
 *   <li>Kubelet: volumes kept up to date, the startup probe then the readiness probe on its period (unready after the
 *       failure threshold), a container that exited restarted in the same pod, the pod's and the StatefulSet's status
 *       written back to the API.
 *   <li>Disruptions: {@link #evict} asks as the eviction API does, against a budget of one unavailable pod; {@link
 *       #kill} is a node failure: the container is killed and comes back when its node does.
 * </ul>
 */
public final class StatefulSetStandIn implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StatefulSetStandIn.class);
    private static final Duration LOOP = Duration.ofMillis(250);

    private final KubernetesClient client;
    private final String namespace;
    private final String name;
    private final Path directory;
    private final List<String> zones;
    private final ClusterDns dns;
    private final @Nullable ServiceStandIn service;
    private final NfsExports nfsExports;
    private final Map<Integer, StandInPod> pods = new ConcurrentHashMap<>();
    private final Map<Integer, String> addresses = new ConcurrentHashMap<>();
    private final Map<Integer, Instant> nextProbe = new ConcurrentHashMap<>();
    private final Map<Integer, Instant> downUntil = new ConcurrentHashMap<>();
    private final Map<Integer, Integer> generations = new ConcurrentHashMap<>();
    private final Map<Integer, Boolean> busy = new ConcurrentHashMap<>();
    private final ScheduledExecutorService controller;
    private final ExecutorService work = Executors.newVirtualThreadPerTaskExecutor();
    private final Thread onExit = Thread.ofPlatform().unstarted(this::close);
    private volatile boolean closed;

    private StatefulSetStandIn(
            KubernetesClient client,
            String namespace,
            String name,
            Path directory,
            List<String> zones,
            @Nullable ServiceStandIn service,
            ClusterDns dns,
            NfsExports nfsExports) {
        this.client = client;
        this.nfsExports = nfsExports;
        this.namespace = namespace;
        this.name = name;
        this.directory = directory;
        this.zones = List.copyOf(zones);
        this.service = service;
        this.dns = dns;
        this.controller = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("statefulset-" + name).daemon().factory());
    }

    /**
     * Starts playing StatefulSet {@code name} of {@code namespace}.
     *
     * @param directory where the pods' volumes and logs go
     * @param zones the zones of the Kubernetes nodes pods are scheduled on, in turn by ordinal
     * @param clientService the Service whose endpoints are the ready pods, given by name and port; its stand-in has an
     *     address of its own ({@link #service()}), which the pods resolve its name to
     */
    public static StatefulSetStandIn start(
            KubernetesClient client,
            String namespace,
            String name,
            Path directory,
            List<String> zones,
            @Nullable ServicePort clientService) {
        return start(client, namespace, name, directory, zones, clientService, NfsExports.none());
    }

    /** As the other {@code start}, with the NFS exports the pods' {@code nfs} volumes mount. */
    public static StatefulSetStandIn start(
            KubernetesClient client,
            String namespace,
            String name,
            Path directory,
            List<String> zones,
            @Nullable ServicePort clientService,
            NfsExports nfsExports) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ClusterDns dns = new ClusterDns(directory.resolve("hosts"), "cluster.local");
        ServiceStandIn service = null;
        if (clientService != null) {
            service = ServiceStandIn.start(LoopbackAddresses.next(), clientService.port(), clientService.port());
            dns.service(clientService.name() + "." + namespace + ".svc", service.address());
        }
        StatefulSetStandIn standIn =
                new StatefulSetStandIn(client, namespace, name, directory, zones, service, dns, nfsExports);
        standIn.controller.scheduleWithFixedDelay(standIn::reconcile, 0, LOOP.toMillis(), TimeUnit.MILLISECONDS);
        // The nodes run in sessions of their own: a test JVM that exits without closing must not leave them behind.
        Runtime.getRuntime().addShutdownHook(standIn.onExit);
        return standIn;
    }

    /** A Service over the StatefulSet's pods: its name and the port it and the pods listen on. */
    public record ServicePort(String name, int port) {}

    /** Whether this machine can run the stand-in's containers: root, for mounts and for a non-root node user. */
    public static boolean supported() {
        return "root".equals(System.getProperty("user.name"));
    }

    public Optional<ServiceStandIn> service() {
        return Optional.ofNullable(service);
    }

    /** The address of pod {@code ordinal}, whether or not it exists yet. */
    public String address(int ordinal) {
        return addresses.computeIfAbsent(ordinal, o -> LoopbackAddresses.next());
    }

    public boolean ready(int ordinal) {
        StandInPod pod = pods.get(ordinal);
        return pod != null && pod.ready();
    }

    public boolean exists(int ordinal) {
        return pods.containsKey(ordinal);
    }

    /** How many times the kubelet restarted pod {@code ordinal}'s container. */
    public int restarts(int ordinal) {
        StandInPod pod = pods.get(ordinal);
        return pod == null ? 0 : pod.restarts();
    }

    /** What the last readiness probe of pod {@code ordinal} printed: why it is not ready. */
    public String lastProbeOutput(int ordinal) {
        StandInPod pod = pods.get(ordinal);
        return pod == null ? "no pod" : pod.lastProbeOutput();
    }

    public Path log(int ordinal) {
        StandInPod pod = pods.get(ordinal);
        return pod == null ? directory.resolve("no-pod") : pod.log();
    }

    /** How many times the kernel OOM-killed a process of pod {@code ordinal}'s container. */
    public long oomKills(int ordinal) {
        StandInPod pod = pods.get(ordinal);
        ContainerProcess container = pod == null ? null : pod.container();
        return container == null ? 0 : container.memory().oomKills();
    }

    /**
     * The memory pod {@code ordinal}'s container uses now, page cache aside (its processes' resident memory, as the
     * kernel charges it to the container's cgroup); empty where the limit is not enforced.
     */
    public Optional<Long> residentMemoryBytes(int ordinal) {
        StandInPod pod = pods.get(ordinal);
        ContainerProcess container = pod == null ? null : pod.container();
        return container == null || !container.memory().enforced()
                ? Optional.empty()
                : Optional.of(container.memory().residentBytes());
    }

    /** How many readiness probes pod {@code ordinal} has run so far. */
    public int readinessProbes(int ordinal) {
        StandInPod pod = pods.get(ordinal);
        return pod == null ? 0 : pod.readinessProbes();
    }

    /** How many times pod {@code ordinal} went from ready to unready so far. */
    public int timesUnready(int ordinal) {
        StandInPod pod = pods.get(ordinal);
        return pod == null ? 0 : pod.timesUnready();
    }

    /** Failed readiness probes in a row that make pod {@code ordinal} unready. */
    public int readinessFailureThreshold(int ordinal) {
        StandInPod pod = pods.get(ordinal);
        if (pod == null) {
            throw new IllegalStateException("pod " + ordinal + " has not been started");
        }
        return pod.readinessFailureThreshold();
    }

    /** How many of the StatefulSet's pods are ready. */
    public int readyPods() {
        return (int) pods.values().stream().filter(StandInPod::ready).count();
    }

    /** Waits until {@code condition} holds, failing with what the pods last said otherwise. */
    public void await(String what, Duration timeout, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                StringBuilder state = new StringBuilder("Timed out after " + timeout + " waiting for " + what + ":");
                pods.values().forEach(pod -> state.append("\n  ")
                        .append(pod.name())
                        .append(pod.ready() ? " ready" : " not ready: " + pod.lastProbeOutput())
                        .append(" (log: ")
                        .append(pod.log())
                        .append(')'));
                throw new AssertionError(state.toString());
            }
            sleep(Duration.ofMillis(200));
        }
    }

    /** Waits until {@code replicas} pods exist, every one ready and on the current template. */
    public void awaitAllReady(Duration timeout) {
        await("every pod ready on the current template", timeout, () -> {
            StatefulSet statefulSet = statefulSet();
            if (statefulSet == null) {
                return false;
            }
            String hash = templateHash(statefulSet);
            int replicas = statefulSet.getSpec().getReplicas();
            return pods.size() == replicas
                    && pods.values().stream()
                            .allMatch(pod -> pod.ready() && pod.templateHash().equals(hash));
        });
    }

    /**
     * A node failure: pod {@code ordinal}'s container is killed at once (no pre-stop hook, no SIGTERM) and comes back
     * in the same pod, on the same volumes, after {@code downFor}.
     */
    public void kill(int ordinal, Duration downFor) {
        StandInPod pod = pods.get(ordinal);
        if (pod == null) {
            throw new IllegalStateException("no pod " + ordinal);
        }
        downUntil.put(ordinal, Instant.now().plus(downFor));
        pod.kill();
        log.info("Pod {} killed; its node comes back in {}", pod.name(), downFor);
    }

    /**
     * The eviction API, as a node drain calls it, against a disruption budget of one unavailable pod: refused (false)
     * while any other pod is not ready; otherwise the pod is deleted gracefully and created again by the controller,
     * on another node of the same zone (its volume is zonal), with new emptyDirs and its own volume claim.
     */
    public boolean evict(int ordinal) {
        synchronized (this) {
            boolean othersReady = pods.values().stream()
                    .filter(other -> other.ordinal() != ordinal)
                    .allMatch(StandInPod::ready);
            if (!othersReady || busy.containsKey(ordinal)) {
                return false;
            }
            deletePod(ordinal);
        }
        return true;
    }

    /**
     * Deletes pod {@code ordinal} gracefully, as {@code kubectl delete pod} does, whatever the disruption budget says;
     * the controller creates it again, as after {@link #evict}.
     */
    public void deletePod(int ordinal) {
        StandInPod pod = pods.get(ordinal);
        if (pod == null || busy.putIfAbsent(ordinal, true) != null) {
            throw new IllegalStateException("no pod " + ordinal + " to delete, or it is being changed");
        }
        log.info("Pod {} deleted", pod.name());
        try {
            pod.delete();
            pods.remove(ordinal);
            generations.merge(ordinal, 1, Integer::sum);
        } finally {
            busy.remove(ordinal);
        }
    }

    // ---- the control loop ----

    private void reconcile() {
        if (closed) {
            return;
        }
        try {
            StatefulSet statefulSet = statefulSet();
            if (statefulSet == null) {
                return;
            }
            dns.headless(statefulSet.getSpec().getServiceName() + "." + namespace + ".svc");
            int replicas = statefulSet.getSpec().getReplicas() == null
                    ? 1
                    : statefulSet.getSpec().getReplicas();
            String hash = templateHash(statefulSet);
            scale(statefulSet, replicas, hash);
            rollOne(statefulSet, replicas, hash);
            kubelet();
            publish(replicas, hash);
        } catch (RuntimeException e) {
            log.warn("StatefulSet stand-in {}/{}: {}", namespace, name, e.toString());
        }
    }

    private void scale(StatefulSet statefulSet, int replicas, String hash) {
        for (int ordinal = 0; ordinal < replicas; ordinal++) {
            if (!pods.containsKey(ordinal) && busy.putIfAbsent(ordinal, true) == null) {
                int created = ordinal;
                work.execute(() -> createPod(statefulSet, created, hash));
            }
        }
        pods.keySet().stream()
                .filter(ordinal -> ordinal >= replicas)
                .filter(ordinal -> busy.putIfAbsent(ordinal, true) == null)
                .forEach(ordinal -> work.execute(() -> {
                    try {
                        // Another round may have removed the pod meanwhile: nothing left to delete then.
                        StandInPod pod = pods.get(ordinal);
                        if (pod != null) {
                            pod.delete();
                        }
                        pods.remove(ordinal);
                    } finally {
                        busy.remove(ordinal);
                    }
                }));
    }

    /** The StatefulSet controller's rolling update: one pod at a time, highest ordinal first, every other one ready. */
    private void rollOne(StatefulSet statefulSet, int replicas, String hash) {
        if (!busy.isEmpty()
                || pods.size() != replicas
                || !pods.values().stream().allMatch(StandInPod::ready)) {
            return;
        }
        pods.values().stream()
                .filter(pod -> !pod.templateHash().equals(hash))
                .max((a, b) -> Integer.compare(a.ordinal(), b.ordinal()))
                .filter(pod -> busy.putIfAbsent(pod.ordinal(), true) == null)
                .ifPresent(pod -> work.execute(() -> {
                    log.info("Rolling update: pod {} to the new template", pod.name());
                    pod.delete();
                    pods.remove(pod.ordinal());
                    createPod(statefulSet(), pod.ordinal(), hash);
                }));
    }

    private void createPod(@Nullable StatefulSet statefulSet, int ordinal, String hash) {
        try {
            if (statefulSet == null || closed) {
                return;
            }
            int generation = generations.getOrDefault(ordinal, 0);
            String zone = zones.get(ordinal % zones.size());
            String node = "node-" + ordinal + "-" + generation;
            client.resource(new NodeBuilder()
                            .withNewMetadata()
                            .withName(node)
                            .addToLabels("topology.kubernetes.io/zone", zone)
                            .endMetadata()
                            .build())
                    .createOr(existing -> existing.update());
            StandInPod pod = new StandInPod(
                    client,
                    statefulSet,
                    ordinal,
                    address(ordinal),
                    node,
                    hash,
                    directory.resolve("pods").resolve(name + "-" + ordinal + "-" + generation),
                    directory.resolve("claims"),
                    dns,
                    nfsExports);
            pod.create();
            pod.startContainer();
            pods.put(ordinal, pod);
        } catch (RuntimeException e) {
            log.warn("Pod {}-{} could not be started: {}", name, ordinal, e.toString(), e);
        } finally {
            busy.remove(ordinal);
        }
    }

    private void kubelet() {
        Instant now = Instant.now();
        for (StandInPod pod : pods.values()) {
            int ordinal = pod.ordinal();
            if (pod.terminating() || busy.containsKey(ordinal)) {
                continue;
            }
            if (!pod.running()) {
                // A node comes back when it does; a container that exited by itself is restarted with the kubelet's
                // back-off: 10 s, doubling with each restart, at most 5 minutes.
                Instant back = downUntil.computeIfAbsent(ordinal, o -> now.plus(backOff(pod.restarts())));
                if (now.isAfter(back) && busy.putIfAbsent(ordinal, true) == null) {
                    downUntil.remove(ordinal);
                    work.execute(() -> {
                        try {
                            log.info("Kubelet: restarting the container of pod {}", pod.name());
                            pod.restartContainer();
                        } finally {
                            busy.remove(ordinal);
                        }
                    });
                }
                continue;
            }
            if (now.isBefore(nextProbe.getOrDefault(ordinal, Instant.MIN))) {
                continue;
            }
            nextProbe.put(ordinal, now.plus(Duration.ofDays(1)));
            work.execute(() -> {
                pod.probe();
                nextProbe.put(ordinal, Instant.now().plus(pod.readinessPeriod()));
            });
        }
    }

    private static Duration backOff(int restarts) {
        return Duration.ofSeconds(Math.min(300, 10L << Math.min(restarts, 5)));
    }

    /** The StatefulSet's status and the Service's endpoints, from the pods. */
    private void publish(int replicas, String hash) {
        List<StandInPod> current = List.copyOf(pods.values());
        int ready = (int) current.stream().filter(StandInPod::ready).count();
        int updated = (int)
                current.stream().filter(pod -> pod.templateHash().equals(hash)).count();
        if (service != null) {
            service.endpoints(current.stream()
                    .filter(StandInPod::ready)
                    .map(StandInPod::address)
                    .toList());
        }
        StatefulSet live = statefulSet();
        if (live == null) {
            return;
        }
        var status = live.getStatus();
        if (status != null
                && Integer.valueOf(current.size()).equals(status.getReplicas())
                && Integer.valueOf(ready).equals(status.getReadyReplicas())
                && Integer.valueOf(updated).equals(status.getUpdatedReplicas())) {
            return;
        }
        client.apps().statefulSets().inNamespace(namespace).withName(name).editStatus(statefulSet -> {
            statefulSet.setStatus(new StatefulSetStatusBuilder()
                    .withObservedGeneration(statefulSet.getMetadata().getGeneration())
                    .withReplicas(current.size())
                    .withReadyReplicas(ready)
                    .withAvailableReplicas(ready)
                    .withCurrentReplicas(updated)
                    .withUpdatedReplicas(updated)
                    .withUpdateRevision(hash)
                    .withCurrentRevision(updated == replicas ? hash : null)
                    .build());
            return statefulSet;
        });
    }

    private @Nullable StatefulSet statefulSet() {
        return client.apps()
                .statefulSets()
                .inNamespace(namespace)
                .withName(name)
                .get();
    }

    private String templateHash(StatefulSet statefulSet) {
        String json =
                client.getKubernetesSerialization().asJson(statefulSet.getSpec().getTemplate());
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8)))
                    .substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Stops every container at once (SIGKILL): the test is over, nothing of the cluster is kept. */
    @Override
    public void close() {
        if (Thread.currentThread() != onExit) {
            try {
                Runtime.getRuntime().removeShutdownHook(onExit);
            } catch (IllegalStateException shuttingDown) {
                // The hook runs anyway; closing twice is harmless.
            }
        }
        closed = true;
        controller.shutdownNow();
        work.shutdownNow();
        pods.values().forEach(StandInPod::close);
        if (service != null) {
            service.close();
        }
    }
}
