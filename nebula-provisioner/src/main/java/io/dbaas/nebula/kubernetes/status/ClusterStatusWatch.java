package io.dbaas.nebula.kubernetes.status;

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

    private final ProvisionedAnnouncer announcer;
    private final EngineBlueprints blueprints;
    private final Map<RegionId, RegionWatch> watches = new ConcurrentHashMap<>();

    /**
     * Takes {@link RegionClients} only so that Spring closes the watches before it closes the clients they use.
     */
    ClusterStatusWatch(ProvisionedAnnouncer announcer, EngineBlueprints blueprints, RegionClients clients) {
        this.announcer = announcer;
        this.blueprints = blueprints;
    }

    @EventListener
    void onRegionConnected(RegionConnectedEvent event) {
        watches.computeIfAbsent(event.connection().region().id(), id -> {
            RegionWatch watch = new RegionWatch(event.connection(), announcer, blueprints);
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
