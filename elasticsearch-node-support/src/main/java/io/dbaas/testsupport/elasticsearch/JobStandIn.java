package io.dbaas.testsupport.elasticsearch;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays, for the {@code batch/v1} Jobs of one namespace on an API server that does nothing by itself (fabric8's mock),
 * the Job controller and the kubelet of their pods, each pod's single container a process of this host mapped from its
 * image ({@link ContainerImages}).
 *
 * <ul>
 *   <li>Job controller: one pod at a time from the Job's template, named {@code <job>-<5 characters>}, labelled
 *       {@code job-name} and {@code controller-uid} (and their {@code batch.kubernetes.io/} forms), owned by the Job; a
 *       failed pod is kept and replaced after the controller's back-off (10 s, doubling) until {@code backoffLimit}
 *       failures more than the limit fail the Job ({@code FailureTarget}, then {@code Failed},
 *       {@code BackoffLimitExceeded}); the first pod that succeeds completes it ({@code SuccessCriteriaMet}, then
 *       {@code Complete}, with {@code completionTime}). {@code startTime}, {@code active}, {@code succeeded},
 *       {@code failed} written back. A deleted Job's pods are deleted, a running container stopped with SIGTERM, then
 *       SIGKILL after the pod's grace period (the garbage collector's background deletion).
 *   <li>Kubelet: Secret, ConfigMap, emptyDir and NFS volumes ({@link PodVolumes}), the environment, the security
 *       context's user, the memory limit, and the names of every stand-in pod and Service of any namespace as its hosts
 *       file (as written when the pod starts); the termination message file bound at the container's
 *       {@code terminationMessagePath} and read after exit, or the log's end under {@code FallbackToLogsOnError}; the
 *       pod's status (phase, {@code state.terminated} with exit code, reason, message and times) written back.
 * </ul>
 *
 * <p>Not played: scheduling and node selection, quotas and limit ranges, admission and defaulting, {@code
 * completions}/{@code parallelism} above one, {@code activeDeadlineSeconds}, {@code ttlSecondsAfterFinished}, {@code
 * suspend}, pod failure policies, init and sidecar containers, and a read-only root file system (the container sees
 * the host's, under its own user).
 */
public final class JobStandIn implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JobStandIn.class);
    private static final Duration LOOP = Duration.ofMillis(250);
    private static final String POD_NAME_CHARACTERS = "bcdfghjklmnpqrstvwxz2456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The one node every Job pod runs on. */
    static final String NODE = "job-node";

    private final KubernetesClient client;
    private final String namespace;
    private final Path directory;
    private final ContainerImages images;
    private final NfsExports nfsExports;
    private final Duration backOff;
    private final Map<String, JobRun> runs = new ConcurrentHashMap<>();
    private final ScheduledExecutorService controller;
    private final ExecutorService work = Executors.newVirtualThreadPerTaskExecutor();
    private final Thread onExit = Thread.ofPlatform().unstarted(this::close);
    private volatile boolean closed;

    private JobStandIn(
            KubernetesClient client,
            String namespace,
            Path directory,
            ContainerImages images,
            NfsExports nfsExports,
            Duration backOff) {
        this.client = client;
        this.namespace = namespace;
        this.directory = directory;
        this.images = images;
        this.nfsExports = nfsExports;
        this.backOff = backOff;
        this.controller = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("jobs-" + namespace).daemon().factory());
    }

    /**
     * Starts playing the Jobs of {@code namespace}.
     *
     * @param directory where the pods' volumes, logs and termination messages go
     * @param images what each image the Jobs name runs as on this host
     * @param nfsExports the host directories the pods' {@code nfs} volumes are
     */
    public static JobStandIn start(
            KubernetesClient client, String namespace, Path directory, ContainerImages images, NfsExports nfsExports) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JobStandIn standIn = new JobStandIn(client, namespace, directory, images, nfsExports, Duration.ofSeconds(10));
        standIn.controller.scheduleWithFixedDelay(standIn::reconcile, 0, LOOP.toMillis(), TimeUnit.MILLISECONDS);
        // Containers run in sessions of their own: a test JVM that exits without closing must not leave them behind.
        Runtime.getRuntime().addShutdownHook(standIn.onExit);
        return standIn;
    }

    /** Whether the container of pod {@code podName} is running now. */
    public boolean containerRunning(String podName) {
        return runs.values().stream()
                .flatMap(run -> run.pods().stream())
                .anyMatch(pod -> pod.name().equals(podName) && pod.running());
    }

    /** The log of pod {@code podName}'s container, as {@code kubectl logs} shows it. */
    public Optional<Path> log(String podName) {
        return runs.values().stream()
                .flatMap(run -> run.pods().stream())
                .filter(pod -> pod.name().equals(podName))
                .map(JobPod::log)
                .findFirst();
    }

    static String uid(Job job) {
        String uid = job.getMetadata().getUid();
        // The mock API server may leave uids unset; the Job's name and creation stand in for one then.
        return uid != null
                ? uid
                : UUID.nameUUIDFromBytes((job.getMetadata().getName() + "/"
                                        + job.getMetadata().getCreationTimestamp())
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        .toString();
    }

    private void reconcile() {
        if (closed) {
            return;
        }
        try {
            List<Job> jobs =
                    client.batch().v1().jobs().inNamespace(namespace).list().getItems();
            Set<String> present = new HashSet<>();
            for (Job job : jobs) {
                if (job.getMetadata().getDeletionTimestamp() != null) {
                    continue;
                }
                String uid = uid(job);
                present.add(uid);
                runs.computeIfAbsent(uid, key -> new JobRun(client, job, backOff, this::newPod))
                        .step(job);
            }
            for (String uid : Set.copyOf(runs.keySet())) {
                if (!present.contains(uid)) {
                    JobRun deleted = runs.remove(uid);
                    if (deleted == null) {
                        continue;
                    }
                    log.info("Job {}/{} deleted: its pods go with it", namespace, deleted.name());
                    work.execute(deleted::delete);
                }
            }
        } catch (RuntimeException e) {
            log.warn("Job stand-in {}: {}", namespace, e.toString(), e);
        }
    }

    private JobPod newPod(Job job) {
        String name = job.getMetadata().getName() + "-" + suffix();
        return new JobPod(
                client,
                job,
                name,
                LoopbackAddresses.next(),
                directory.resolve("pods").resolve(name),
                directory.resolve("claims"),
                images,
                nfsExports,
                StandInNames.allLines());
    }

    /** Five of the characters Kubernetes uses for generated names: no vowels, no look-alikes. */
    private static String suffix() {
        StringBuilder suffix = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            suffix.append(POD_NAME_CHARACTERS.charAt(RANDOM.nextInt(POD_NAME_CHARACTERS.length())));
        }
        return suffix.toString();
    }

    /** Kills every container at once: the test is over. */
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
        runs.values().forEach(run -> run.pods().forEach(JobPod::close));
    }
}
