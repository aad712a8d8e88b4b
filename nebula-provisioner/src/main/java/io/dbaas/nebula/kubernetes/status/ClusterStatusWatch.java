package io.dbaas.nebula.kubernetes.status;

import io.dbaas.nebula.config.NebulaProperties;
import io.dbaas.nebula.config.StatusProperties;
import io.dbaas.nebula.kubernetes.KubernetesInfrastructureClient;
import io.dbaas.nebula.kubernetes.RegionClients;
import io.dbaas.nebula.kubernetes.RegionConnectedEvent;
import io.dbaas.nebula.kubernetes.blueprint.EngineBlueprints;
import io.dbaas.nebula.region.RegionId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Starts watching a region as soon as its client exists; status comes from watches, never from polling. */
@Component
class ClusterStatusWatch implements DisposableBean {

    private final StatusAnnouncer announcer;
    private final EngineBlueprints blueprints;
    private final KubernetesInfrastructureClient infrastructure;
    private final StatusProperties properties;
    private final Map<RegionId, RegionWatch> watches = new ConcurrentHashMap<>();

    /**
     * Takes {@link RegionClients} only so that Spring closes the watches before it closes the clients they use.
     */
    ClusterStatusWatch(
            StatusAnnouncer announcer,
            EngineBlueprints blueprints,
            RegionClients clients,
            KubernetesInfrastructureClient infrastructure,
            NebulaProperties properties) {
        this.announcer = announcer;
        this.blueprints = blueprints;
        this.infrastructure = infrastructure;
        this.properties = properties.status();
    }

    @EventListener
    void onRegionConnected(RegionConnectedEvent event) {
        watches.computeIfAbsent(event.connection().region().id(), id -> {
            RegionWatch watch = new RegionWatch(event.connection(), announcer, blueprints, infrastructure, properties);
            watch.start();
            return watch;
        });
    }

    @Override
    public void destroy() {
        watches.values().forEach(RegionWatch::close);
        watches.clear();
    }
}
