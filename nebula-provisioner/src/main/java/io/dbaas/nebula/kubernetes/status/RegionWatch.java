package io.dbaas.nebula.kubernetes.status;

import io.dbaas.contracts.Engine;
import io.dbaas.nebula.config.StatusProperties;
import io.dbaas.nebula.infrastructure.ClusterOperation;
import io.dbaas.nebula.kubernetes.blueprint.EngineBlueprint;
import io.dbaas.nebula.kubernetes.blueprint.EngineBlueprints;
import io.dbaas.nebula.kubernetes.metrics.ClusterStates;
import io.dbaas.nebula.kubernetes.model.Annotations;
import io.dbaas.nebula.kubernetes.model.Labels;
import io.dbaas.nebula.kubernetes.region.RegionConnection;
import io.dbaas.nebula.region.Region;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.informers.ExceptionHandler;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ReducedStateItemStore;
import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches one region with informers on Nebula's StatefulSets, pods, Services, disruption budgets, network policies,
 * ConfigMaps and Secrets (names and labels only), and does two things with what it sees:
 *
 * <ul>
 *   <li><b>Status.</b> Every change of a cluster's StatefulSet, pods or client Service takes a snapshot of the cluster
 *       from the informers' caches and lets the {@link StatusTracker} decide what to announce: a command complete, a
 *       cluster degraded or recovered, a new cluster failed. Announcements run on their own thread: reading a Secret
 *       and waiting for the broker must not hold up the informers.
 *   <li><b>Reconcile requests.</b> A deleted object, an edited StatefulSet spec, and every resync ask the reconciler
 *       ({@link ReconcileRequests}) to look at the cluster again; restoring is its job, not the watch's. What it finds
 *       that the objects do not show (a master key nobody holds) comes back as a degradation to announce.
 * </ul>
 */
final class RegionWatch implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RegionWatch.class);
    /** How often the watches' connections are looked at: fabric8 reconnects a lost watch without telling anyone. */
    private static final Duration WATCH_CHECK = Duration.ofSeconds(1);

    private final RegionConnection connection;
    private final Region region;
    private final StatusAnnouncer announcer;
    private final EngineBlueprints blueprints;
    private final ReconcileRequests reconcileRequests;
    private final RegionReconciles reconciles;
    private final StatusTracker tracker;
    private final ClusterStates clusterStates;
    private final Counter restarts;
    private final @Nullable BackupRestores backupRestores;
    private final Map<UUID, String> externalProblems = new ConcurrentHashMap<>();
    private final ScheduledExecutorService announcements;
    private final ScheduledExecutorService watchChecks;
    private final Map<SharedIndexInformer<?>, Boolean> connected = new ConcurrentHashMap<>();
    private final SharedIndexInformer<StatefulSet> statefulSets;
    private final SharedIndexInformer<Pod> pods;
    private final SharedIndexInformer<Service> services;
    private final List<SharedIndexInformer<? extends HasMetadata>> others = new ArrayList<>();
    private volatile boolean closing;

    RegionWatch(
            RegionConnection connection,
            StatusAnnouncer announcer,
            EngineBlueprints blueprints,
            ReconcileRequests reconcileRequests,
            StatusProperties properties,
            ClusterStates clusterStates,
            Counter restarts) {
        this(connection, announcer, blueprints, reconcileRequests, properties, clusterStates, restarts, null);
    }

    RegionWatch(
            RegionConnection connection,
            StatusAnnouncer announcer,
            EngineBlueprints blueprints,
            ReconcileRequests reconcileRequests,
            StatusProperties properties,
            ClusterStates clusterStates,
            Counter restarts,
            @Nullable BackupRestores backupRestores) {
        this.backupRestores = backupRestores;
        this.connection = connection;
        this.clusterStates = clusterStates;
        this.restarts = restarts;
        this.region = connection.region();
        this.announcer = announcer;
        this.blueprints = blueprints;
        this.reconcileRequests = reconcileRequests;
        this.reconciles = reconcileRequests.forRegion(connection, new Outcomes());
        this.tracker = new StatusTracker(properties.provisioningGracePeriod());
        this.announcements = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("status-" + region.id()).daemon().factory());
        this.watchChecks = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("watch-check-" + region.id()).daemon().factory());
        long resync = properties.resync().toMillis();
        var client = connection.client();
        this.statefulSets = nebulaObjects(client.apps().statefulSets(), resync);
        this.statefulSets.addEventHandler(handler(
                statefulSet -> {
                    evaluate(statefulSet);
                    requestReconcile(statefulSet);
                },
                (previous, current) -> {
                    evaluate(current);
                    // A hand edit changes the spec; a resync replays the same version. Status updates need no restore,
                    // but for the first ready node: the cluster has formed, and its bootstrap list must go.
                    if (!Objects.equals(previous.getSpec(), current.getSpec())
                            || Objects.equals(
                                    previous.getMetadata().getResourceVersion(),
                                    current.getMetadata().getResourceVersion())
                            || (readyReplicas(previous) == 0 && readyReplicas(current) > 0)) {
                        requestReconcile(current);
                    }
                },
                statefulSet -> {
                    forgetState(statefulSet);
                    requestReconcile(statefulSet);
                }));
        this.pods = nebulaObjects(client.pods(), 0);
        this.pods.addEventHandler(handler(
                this::evaluateNamespaceOf,
                (previous, current) -> evaluateNamespaceOf(current),
                this::evaluateNamespaceOf));
        this.services = nebulaObjects(client.services(), 0);
        this.services.addEventHandler(handler(
                this::evaluateNamespaceOf,
                (previous, current) -> {
                    evaluateNamespaceOf(current);
                    // A new load-balancer address must be in the cluster's certificate, which a restore reissues.
                    if (!Objects.equals(loadBalancer(previous), loadBalancer(current))) {
                        requestReconcile(current);
                    }
                },
                this::requestReconcile));
        others.add(watchDeletions(nebulaObjects(client.policy().v1().podDisruptionBudget(), 0)));
        others.add(watchDeletions(nebulaObjects(client.network().v1().networkPolicies(), 0)));
        others.add(watchDeletions(nebulaObjects(client.configMaps(), 0)));
        others.add(watchDeletions(withoutContent(nebulaObjects(client.secrets(), 0))));
        List.of(statefulSets, pods, services).forEach(informer -> informer.exceptionHandler(this::keepTrying));
        others.forEach(informer -> informer.exceptionHandler(this::keepTrying));
    }

    void start() {
        // Pods and Services first, so that the StatefulSets' initial events find them in the caches.
        start(pods, "Pods");
        start(services, "Services");
        others.forEach(informer -> start(informer, "objects"));
        start(statefulSets, "StatefulSets");
        watchChecks.scheduleWithFixedDelay(
                this::countLostWatches, WATCH_CHECK.toMillis(), WATCH_CHECK.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Starts an informer; once it lists and watches, a later look that finds it disconnected counts a restart. */
    private void start(SharedIndexInformer<? extends HasMetadata> informer, String kind) {
        informer.start().whenComplete((ignored, failure) -> {
            if (failure == null) {
                connected.put(informer, true);
            }
            logStarted(kind, failure);
        });
    }

    @Override
    public void close() {
        closing = true;
        statefulSets.close();
        pods.close();
        services.close();
        others.forEach(SharedIndexInformer::close);
        announcements.shutdownNow();
        reconciles.close();
        watchChecks.shutdownNow();
    }

    /**
     * Keeps only the names and labels of the Secrets in the informer's cache: a deletion is all the restore needs, and
     * master keys and CA keys have no business in Nebula's memory.
     */
    private SharedIndexInformer<Secret> withoutContent(SharedIndexInformer<Secret> informer) {
        return informer.itemStore(new ReducedStateItemStore<>(
                ReducedStateItemStore.NAME_KEY_STATE,
                Secret.class,
                connection.client().getKubernetesSerialization(),
                "metadata.labels"));
    }

    private <T extends HasMetadata> SharedIndexInformer<T> watchDeletions(SharedIndexInformer<T> informer) {
        informer.addEventHandler(handler(object -> {}, (previous, current) -> {}, this::requestReconcile));
        return informer;
    }

    // ---- status ----

    private void evaluateNamespaceOf(HasMetadata object) {
        blueprintOf(object)
                .ifPresent(blueprint -> reevaluate(object.getMetadata().getNamespace(), blueprint));
    }

    private void evaluate(StatefulSet statefulSet) {
        Optional<EngineBlueprint> blueprint = blueprintOf(statefulSet);
        if (blueprint.isEmpty()) {
            return;
        }
        String namespace = statefulSet.getMetadata().getNamespace();
        Service clientService =
                services.getStore().getByKey(namespace + "/" + blueprint.get().clientServiceName());
        List<Pod> clusterPods = pods.getIndexer().byIndex(Cache.NAMESPACE_INDEX, namespace);
        Optional<ClusterSnapshot> snapshot =
                ClusterReadiness.snapshot(statefulSet, clientService, clusterPods, region, blueprint.get());
        if (snapshot.isEmpty()) {
            return;
        }
        UUID clusterId = snapshot.get().clusterId();
        List<StatusChange> changes = tracker.decide(snapshot.get(), externalProblems.get(clusterId), Instant.now());
        clusterStates.observed(clusterId, blueprint.get().engine(), tracker.stateOf(snapshot.get()));
        changes.forEach(change -> announce(change, blueprint.get()));
    }

    private void announce(StatusChange change, EngineBlueprint blueprint) {
        switch (change) {
            case StatusChange.Completed completed -> announcements.execute(() -> complete(completed, blueprint));
            case StatusChange.Readdressed readdressed -> announcements.execute(() -> readdress(readdressed, blueprint));
            case StatusChange.Degraded degraded ->
                announcements.execute(() -> condition(
                        degraded.cluster(),
                        degraded.condition(),
                        blueprint,
                        () -> announcer.degraded(degraded.cluster(), degraded.reason(), degraded.condition())));
            case StatusChange.Recovered recovered ->
                announcements.execute(() -> condition(
                        recovered.cluster(),
                        recovered.condition(),
                        blueprint,
                        () -> announcer.recovered(recovered.cluster(), recovered.condition())));
            case StatusChange.Failed failed ->
                announcements.execute(() -> publish(() -> announcer.failed(failed.cluster(), failed.reason())));
            case StatusChange.RestoreDue due -> announcements.execute(() -> restore(due.cluster(), blueprint));
            case StatusChange.RecheckAt recheck -> {
                long delay = Math.max(
                        0, Duration.between(Instant.now(), recheck.at()).toMillis());
                announcements.schedule(
                        () -> reevaluate(recheck.cluster().namespace(), blueprint), delay, TimeUnit.MILLISECONDS);
            }
        }
    }

    private void reevaluate(String namespace, EngineBlueprint blueprint) {
        StatefulSet statefulSet = statefulSets.getStore().getByKey(namespace + "/" + blueprint.statefulSetName());
        if (statefulSet != null) {
            evaluate(statefulSet);
        }
    }

    /** Announces a completed command and records on the StatefulSet that it was, so that a restart does not repeat it. */
    private void complete(StatusChange.Completed completed, EngineBlueprint blueprint) {
        ClusterSnapshot cluster = completed.cluster();
        try {
            announcer.completed(connection.client(), cluster, blueprint);
            annotateStatefulSet(
                    cluster,
                    blueprint,
                    Annotations.ANNOUNCED_COMMAND,
                    cluster.commandId().toString());
            if (cluster.operation() == ClusterOperation.PROVISION) {
                cluster.address()
                        .ifPresent(address ->
                                annotateStatefulSet(cluster, blueprint, Annotations.ANNOUNCED_ADDRESS, address));
            }
        } catch (RuntimeException e) {
            tracker.completionNotAnnounced(cluster.clusterId(), cluster.commandId());
            log.warn(
                    "Cluster {} in {} is ready but could not be announced, will retry on the next change or resync: {}",
                    cluster.clusterId(),
                    region.id(),
                    e.getMessage());
        }
    }

    /** Starts the restore of a new cluster from its backup; one that could not start is decided again later. */
    private void restore(ClusterSnapshot cluster, EngineBlueprint blueprint) {
        if (backupRestores == null) {
            log.warn(
                    "Cluster {} in {} waits for a restore this Nebula does not carry out",
                    cluster.clusterId(),
                    region.id());
            return;
        }
        try {
            backupRestores.restoreDue(
                    connection,
                    new BackupRestores.DueRestore(
                            cluster.clusterId(),
                            blueprint.engine(),
                            cluster.namespace(),
                            cluster.wanted(),
                            cluster.commandId(),
                            cluster.correlationId(),
                            cluster.traceId()));
        } catch (RuntimeException e) {
            tracker.restoreNotStarted(cluster.clusterId(), cluster.commandId());
            log.warn(
                    "Cluster {} in {}: its restore could not be started, will retry on the next change or resync: {}",
                    cluster.clusterId(),
                    region.id(),
                    e.getMessage());
        }
    }

    /** Announces where a running cluster now answers, then records it on the StatefulSet. */
    private void readdress(StatusChange.Readdressed readdressed, EngineBlueprint blueprint) {
        ClusterSnapshot cluster = readdressed.cluster();
        try {
            announcer.readdressed(connection.client(), cluster, blueprint);
            annotateStatefulSet(cluster, blueprint, Annotations.ANNOUNCED_ADDRESS, readdressed.address());
            log.info(
                    "Cluster {} in {} now answers at {}: announced again",
                    cluster.clusterId(),
                    region.id(),
                    readdressed.address());
        } catch (RuntimeException e) {
            tracker.addressNotAnnounced(cluster.clusterId());
            log.warn(
                    "Cluster {} in {} answers at a new address that could not be announced, will retry: {}",
                    cluster.clusterId(),
                    region.id(),
                    e.getMessage());
        }
    }

    /**
     * Announces a degradation or recovery, then records it on the StatefulSet. A failed publication is decided again
     * on the next look, with the same id; a failed record only costs a repeat (same id) after a restart.
     */
    private void condition(
            ClusterSnapshot cluster, AnnouncedCondition condition, EngineBlueprint blueprint, Runnable announcement) {
        if (!publish(announcement)) {
            tracker.conditionNotAnnounced(cluster.clusterId(), condition);
            return;
        }
        try {
            annotateStatefulSet(cluster, blueprint, Annotations.ANNOUNCED_CONDITION, condition.annotation());
        } catch (RuntimeException e) {
            log.warn(
                    "Cluster {} in {}: what was announced could not be recorded, a restart may announce it again: {}",
                    cluster.clusterId(),
                    region.id(),
                    e.getMessage());
        }
    }

    /** Whether the announcement was published; a failure is logged, and left to the caller to retry or not. */
    private boolean publish(Runnable announcement) {
        try {
            announcement.run();
            return true;
        } catch (RuntimeException e) {
            log.warn("A status event of {} could not be published: {}", region.id(), e.getMessage());
            return false;
        }
    }

    /** Records what was announced on the cluster's StatefulSet, where a restarted Nebula reads it back. */
    private void annotateStatefulSet(ClusterSnapshot cluster, EngineBlueprint blueprint, String key, String value) {
        connection
                .client()
                .apps()
                .statefulSets()
                .inNamespace(cluster.namespace())
                .withName(blueprint.statefulSetName())
                .edit(live -> {
                    live.getMetadata().getAnnotations().put(key, value);
                    return live;
                });
    }

    // ---- reconcile requests ----

    private static @Nullable Object loadBalancer(Service service) {
        return service.getStatus() == null ? null : service.getStatus().getLoadBalancer();
    }

    private static int readyReplicas(StatefulSet statefulSet) {
        Integer ready =
                statefulSet.getStatus() == null ? null : statefulSet.getStatus().getReadyReplicas();
        return ready == null ? 0 : ready;
    }

    private void requestReconcile(HasMetadata object) {
        String namespace = object.getMetadata().getNamespace();
        if (namespace != null && !closing) {
            reconciles.request(namespace);
        }
    }

    /**
     * Turns what a reconcile found into status: a missing master key is a problem the objects do not show, announced
     * as a degradation until a reconcile succeeds again.
     */
    private final class Outcomes implements ReconcileOutcomes {

        @Override
        public void reconciled(UUID clusterId, Engine engine, String namespace) {
            if (externalProblems.remove(clusterId) != null) {
                reevaluate(namespace, blueprints.find(engine).orElseThrow());
            }
        }

        @Override
        public void masterKeyMissing(UUID clusterId, Engine engine, String namespace, String reason) {
            String previous = externalProblems.put(clusterId, reason);
            if (!reason.equals(previous)) {
                log.warn("Cluster {} in {}: {}", clusterId, region.id(), reason);
                blueprints.find(engine).ifPresent(blueprint -> reevaluate(namespace, blueprint));
            }
        }
    }

    // ---- plumbing ----

    /** The blueprint of the engine an object belongs to; none for an engine this Nebula does not know. */
    private Optional<EngineBlueprint> blueprintOf(HasMetadata object) {
        return ClusterReadiness.engineId(object).flatMap(blueprints::find);
    }

    /**
     * Keeps listing and watching while the API is unreachable, so the region recovers without a restart; each failed
     * list-and-watch that fabric8 is told to try again counts as a restart.
     */
    private boolean keepTrying(boolean started, Throwable failure) {
        log.debug("Watch on {} failed (started: {}), retrying", region.id(), started, failure);
        boolean retry = !ExceptionHandler.isDeserializationException(failure);
        if (retry && !closing) {
            restarts.increment();
        }
        return retry;
    }

    /**
     * Counts a restart for every watch that was connected at the last look and is not now: fabric8 reconnects it by
     * itself, and never calls {@link #keepTrying} for that.
     */
    private void countLostWatches() {
        try {
            informers().forEach(informer -> {
                boolean now = informer.isWatching();
                Boolean before = connected.put(informer, now);
                if (Boolean.TRUE.equals(before) && !now && !closing) {
                    restarts.increment();
                }
            });
        } catch (RuntimeException e) {
            // An exception would end the schedule for good: log and look again.
            log.debug("Looking at the watches of {} failed", region.id(), e);
        }
    }

    private List<SharedIndexInformer<? extends HasMetadata>> informers() {
        List<SharedIndexInformer<? extends HasMetadata>> all = new ArrayList<>(List.of(statefulSets, pods, services));
        all.addAll(others);
        return all;
    }

    /** Whether any of the region's watches is connected now, as fabric8's informers tell: the API answers. */
    boolean watching() {
        return informers().stream().anyMatch(SharedIndexInformer::isWatching);
    }

    /**
     * A cluster whose StatefulSet is gone has no state nor certificates to count until it is seen again: a deletion by
     * another Nebula instance must not leave them counted here.
     */
    private void forgetState(StatefulSet statefulSet) {
        blueprintOf(statefulSet)
                .flatMap(blueprint -> ClusterReadiness.clusterId(statefulSet, blueprint))
                .filter(clusterId -> ClusterReadiness.belongsTo(statefulSet, region))
                .ifPresent(clusterId -> {
                    clusterStates.gone(clusterId);
                    reconcileRequests.nodesGone(clusterId);
                });
    }

    private void logStarted(String kind, @Nullable Throwable failure) {
        if (failure == null) {
            log.info("Watching {} of {} ({})", kind, region.id(), connection.access());
        } else if (!closing) {
            log.warn("Watching {} of {} stopped: {}", kind, region.id(), failure.getMessage());
        }
    }

    /** An informer on the objects of one kind that Nebula manages, in every namespace of the region. */
    private static <T extends HasMetadata> SharedIndexInformer<T> nebulaObjects(
            MixedOperation<T, ?, ?> objects, long resyncMillis) {
        return objects.inAnyNamespace()
                .withLabel(Labels.MANAGED_BY, Labels.NEBULA)
                .runnableInformer(resyncMillis);
    }

    private static <T extends HasMetadata> ResourceEventHandler<T> handler(
            Consumer<T> added, BiConsumer<T, T> updated, Consumer<T> deleted) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T object) {
                added.accept(object);
            }

            @Override
            public void onUpdate(T previous, T current) {
                updated.accept(previous, current);
            }

            @Override
            public void onDelete(T object, boolean finalStateUnknown) {
                deleted.accept(object);
            }
        };
    }
}
