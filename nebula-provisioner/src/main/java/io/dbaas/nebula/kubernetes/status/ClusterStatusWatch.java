package io.dbaas.nebula.kubernetes.status;

import io.dbaas.nebula.config.NebulaProperties;
import io.dbaas.nebula.config.StatusProperties;
import io.dbaas.nebula.kubernetes.blueprint.EngineBlueprints;
import io.dbaas.nebula.kubernetes.metrics.ClusterStates;
import io.dbaas.nebula.kubernetes.metrics.WatchMeters;
import io.dbaas.nebula.kubernetes.region.RegionClients;
import io.dbaas.nebula.kubernetes.region.RegionConnectedEvent;
import io.dbaas.nebula.region.Region;
import io.dbaas.nebula.region.RegionCatalog;
import io.dbaas.nebula.region.RegionId;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Starts watching a region as soon as its client exists; status comes from watches, never from polling. Reports, per
 * configured region, whether the watches are connected ({@code nebula.region.reachable}) and how often they had to be
 * started again after a failure ({@code nebula.watches.restarted}).
 */
@Component
class ClusterStatusWatch implements DisposableBean {

    private final StatusAnnouncer announcer;
    private final EngineBlueprints blueprints;
    private final ReconcileRequests reconcileRequests;
    private final StatusProperties properties;
    private final ClusterStates clusterStates;
    private final WatchMeters meters;
    private final Map<RegionId, RegionWatch> watches = new ConcurrentHashMap<>();
    private final @Nullable BackupRestores backupRestores;

    /**
     * Takes {@link RegionClients} only so that Spring closes the watches before it closes the clients they use.
     */
    ClusterStatusWatch(
            StatusAnnouncer announcer,
            EngineBlueprints blueprints,
            RegionClients clients,
            ReconcileRequests reconcileRequests,
            NebulaProperties properties,
            ClusterStates clusterStates,
            RegionCatalog catalog,
            MeterRegistry registry) {
        this(announcer, blueprints, clients, reconcileRequests, properties, clusterStates, catalog, registry, null);
    }

    @Autowired
    ClusterStatusWatch(
            StatusAnnouncer announcer,
            EngineBlueprints blueprints,
            RegionClients clients,
            ReconcileRequests reconcileRequests,
            NebulaProperties properties,
            ClusterStates clusterStates,
            RegionCatalog catalog,
            MeterRegistry registry,
            @Nullable BackupRestores backupRestores) {
        this.backupRestores = backupRestores;
        this.announcer = announcer;
        this.blueprints = blueprints;
        this.reconcileRequests = reconcileRequests;
        this.properties = properties.status();
        this.clusterStates = clusterStates;
        this.meters = new WatchMeters(registry, this::watching);
        catalog.all().stream().map(Region::id).forEach(meters::register);
    }

    @EventListener
    void onRegionConnected(RegionConnectedEvent event) {
        RegionId region = event.connection().region().id();
        watches.computeIfAbsent(region, id -> {
            RegionWatch watch = new RegionWatch(
                    event.connection(),
                    announcer,
                    blueprints,
                    reconcileRequests,
                    properties,
                    clusterStates,
                    meters.restarts(id),
                    backupRestores);
            watch.start();
            return watch;
        });
    }

    private boolean watching(RegionId region) {
        RegionWatch watch = watches.get(region);
        return watch != null && watch.watching();
    }

    @Override
    public void destroy() {
        watches.values().forEach(RegionWatch::close);
        watches.clear();
    }
}
