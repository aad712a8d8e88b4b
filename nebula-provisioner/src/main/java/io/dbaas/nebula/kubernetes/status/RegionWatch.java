package io.dbaas.nebula.kubernetes.status;

import io.dbaas.nebula.config.Exposure;
import io.dbaas.nebula.kubernetes.RegionConnection;
import io.dbaas.nebula.kubernetes.blueprint.EngineBlueprint;
import io.dbaas.nebula.kubernetes.blueprint.EngineBlueprints;
import io.dbaas.nebula.kubernetes.model.Labels;
import io.dbaas.nebula.region.Region;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.informers.ExceptionHandler;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches one region: an informer on Nebula's StatefulSets and, for load-balancer exposure, one on its Services.
 * Announces each cluster once per becoming ready; a cluster that falls back to not ready is announced again when it
 * recovers. After a restart the informers' initial list announces ready clusters again, with the same event ids.
 *
 * <p>Announcements run on their own thread: reading the Secret and waiting for the broker must not hold up the
 * informer's event delivery. A failed announcement is forgotten, so that the next resync retries it.
 */
final class RegionWatch implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RegionWatch.class);
    private static final Duration RESYNC = Duration.ofMinutes(5);

    private final RegionConnection connection;
    private final Region region;
    private final ProvisionedAnnouncer announcer;
    private final EngineBlueprints blueprints;
    private final Set<UUID> announced = ConcurrentHashMap.newKeySet();
    private final ExecutorService announcements;
    private final SharedIndexInformer<StatefulSet> statefulSets;
    private final @Nullable SharedIndexInformer<Service> services;
    private volatile boolean closing;

    RegionWatch(RegionConnection connection, ProvisionedAnnouncer announcer, EngineBlueprints blueprints) {
        this.connection = connection;
        this.region = connection.region();
        this.announcer = announcer;
        this.blueprints = blueprints;
        this.announcements = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().name("status-" + region.id()).daemon().factory());
        this.statefulSets = connection
                .client()
                .apps()
                .statefulSets()
                .inAnyNamespace()
                .withLabel(Labels.MANAGED_BY, Labels.NEBULA)
                .runnableInformer(RESYNC.toMillis());
        this.statefulSets.addEventHandler(handler(this::statefulSetChanged, this::statefulSetDeleted));
        this.statefulSets.exceptionHandler(this::keepTrying);
        if (region.properties().exposure() == Exposure.LOAD_BALANCER) {
            this.services = connection
                    .client()
                    .services()
                    .inAnyNamespace()
                    .withLabel(Labels.MANAGED_BY, Labels.NEBULA)
                    .runnableInformer(RESYNC.toMillis());
            this.services.addEventHandler(handler(this::serviceChanged, service -> {}));
            this.services.exceptionHandler(this::keepTrying);
        } else {
            this.services = null;
        }
    }

    void start() {
        statefulSets.start().whenComplete((ignored, failure) -> logStarted("StatefulSets", failure));
        if (services != null) {
            services.start().whenComplete((ignored, failure) -> logStarted("Services", failure));
        }
    }

    @Override
    public void close() {
        closing = true;
        statefulSets.close();
        if (services != null) {
            services.close();
        }
        announcements.shutdownNow();
    }

    private void statefulSetChanged(StatefulSet statefulSet) {
        blueprintOf(statefulSet)
                .ifPresent(blueprint -> evaluate(
                        statefulSet, clientServiceOf(statefulSet.getMetadata().getNamespace(), blueprint), blueprint));
    }

    private void statefulSetDeleted(StatefulSet statefulSet) {
        blueprintOf(statefulSet)
                .flatMap(blueprint -> ClusterReadiness.clusterId(statefulSet, blueprint))
                .ifPresent(announced::remove);
    }

    private void serviceChanged(Service service) {
        Optional<EngineBlueprint> blueprint = blueprintOf(service);
        if (blueprint.isEmpty()
                || !blueprint
                        .get()
                        .clientServiceName()
                        .equals(service.getMetadata().getName())) {
            return;
        }
        StatefulSet statefulSet = statefulSets
                .getStore()
                .getByKey(service.getMetadata().getNamespace() + "/"
                        + blueprint.get().statefulSetName());
        if (statefulSet != null) {
            evaluate(statefulSet, service, blueprint.get());
        }
    }

    /** The blueprint of the engine an object belongs to; none for an engine this Nebula does not know. */
    private Optional<EngineBlueprint> blueprintOf(HasMetadata object) {
        return ClusterReadiness.engineId(object).flatMap(blueprints::find);
    }

    private @Nullable Service clientServiceOf(String namespace, EngineBlueprint blueprint) {
        return services == null ? null : services.getStore().getByKey(namespace + "/" + blueprint.clientServiceName());
    }

    private void evaluate(StatefulSet statefulSet, @Nullable Service clientService, EngineBlueprint blueprint) {
        Optional<UUID> clusterId = ClusterReadiness.clusterId(statefulSet, blueprint);
        if (clusterId.isEmpty() || !ClusterReadiness.belongsTo(statefulSet, region)) {
            return;
        }
        Optional<ReadyCluster> ready = ClusterReadiness.evaluate(statefulSet, clientService, region, blueprint);
        if (ready.isEmpty()) {
            announced.remove(clusterId.get());
            return;
        }
        if (announced.add(clusterId.get())) {
            announcements.execute(() -> announce(ready.get(), blueprint));
        }
    }

    private void announce(ReadyCluster cluster, EngineBlueprint blueprint) {
        try {
            announcer.announce(connection.client(), cluster, blueprint);
        } catch (RuntimeException e) {
            announced.remove(cluster.clusterId());
            log.warn(
                    "Cluster {} in {} is ready but could not be announced, will retry on the next resync: {}",
                    cluster.clusterId(),
                    region.id(),
                    e.getMessage());
        }
    }

    /** Keeps listing and watching while the API is unreachable, so the region recovers without a restart. */
    private boolean keepTrying(boolean started, Throwable failure) {
        log.debug("Watch on {} failed (started: {}), retrying", region.id(), started, failure);
        return !ExceptionHandler.isDeserializationException(failure);
    }

    private void logStarted(String kind, @Nullable Throwable failure) {
        if (failure == null) {
            log.info("Watching {} of {} ({})", kind, region.id(), connection.access());
        } else if (!closing) {
            log.warn("Watching {} of {} stopped: {}", kind, region.id(), failure.getMessage());
        }
    }

    private static <T extends HasMetadata> ResourceEventHandler<T> handler(Consumer<T> changed, Consumer<T> deleted) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T object) {
                changed.accept(object);
            }

            @Override
            public void onUpdate(T previous, T current) {
                changed.accept(current);
            }

            @Override
            public void onDelete(T object, boolean finalStateUnknown) {
                deleted.accept(object);
            }
        };
    }
}
