package io.dbaas.nebula.backup;

import io.dbaas.nebula.events.ClusterEventPublisher;
import io.dbaas.nebula.kubernetes.region.RegionConnectedEvent;
import io.dbaas.nebula.region.RegionId;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;

/**
 * Follows the backup agent's Jobs with a watch per region, started as soon as the region's client exists, like the
 * clusters' own watches. A watch rather than a poll of the Jobs this Nebula started: its initial list picks up the
 * Jobs another Nebula, or this one before a restart, started; and an ended Job is seen at once.
 */
class BackupJobWatch implements DisposableBean {

    private final ClusterEventPublisher publisher;
    private final BackupEvents events;
    private final BackupJobMeters meters;
    private final RestoreOutcomes restores;
    private final Map<RegionId, RegionJobWatch> watches = new ConcurrentHashMap<>();

    BackupJobWatch(
            ClusterEventPublisher publisher, BackupEvents events, BackupJobMeters meters, RestoreOutcomes restores) {
        this.publisher = publisher;
        this.events = events;
        this.meters = meters;
        this.restores = restores;
    }

    @EventListener
    void onRegionConnected(RegionConnectedEvent event) {
        watches.computeIfAbsent(event.connection().region().id(), id -> {
            RegionJobWatch watch =
                    new RegionJobWatch(event.connection(), publisher, events, meters, restores, Clock.systemUTC());
            watch.start();
            return watch;
        });
    }

    @Override
    public void destroy() {
        watches.values().forEach(RegionJobWatch::close);
        watches.clear();
    }
}
