package io.dbaas.nebula.kubernetes.region;

import io.dbaas.nebula.region.Region;
import io.dbaas.nebula.region.RegionId;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * One fabric8 client per configured region, built on first use and closed on shutdown. A region whose client cannot
 * be built (no kubeconfig yet) is tried again on the next use, so fixing the machine does not need a restart.
 */
@Component
public class RegionClients implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RegionClients.class);

    private final ApplicationEventPublisher events;
    private final Map<RegionId, RegionConnection> connections = new ConcurrentHashMap<>();

    public RegionClients(ApplicationEventPublisher events) {
        this.events = events;
    }

    /**
     * The connection of a region, built if needed.
     *
     * @throws RegionUnavailableException when no client can be built for it
     */
    public RegionConnection connect(Region region) {
        RegionConnection existing = connections.get(region.id());
        if (existing != null) {
            return existing;
        }
        return build(region);
    }

    private synchronized RegionConnection build(Region region) {
        RegionConnection existing = connections.get(region.id());
        if (existing != null) {
            return existing;
        }
        KubernetesConfigs.RegionConfig config = KubernetesConfigs.of(region);
        KubernetesClient client =
                new KubernetesClientBuilder().withConfig(config.config()).build();
        RegionConnection connection = new RegionConnection(
                region,
                client,
                KubernetesConfigs.displayUrl(client.getMasterUrl().toString()),
                config.access());
        connections.put(region.id(), connection);
        events.publishEvent(new RegionConnectedEvent(connection));
        return connection;
    }

    @Override
    public void destroy() {
        connections.values().forEach(connection -> {
            try {
                connection.client().close();
            } catch (RuntimeException e) {
                log.debug(
                        "Closing the Kubernetes client of {} failed",
                        connection.region().id(),
                        e);
            }
        });
        connections.clear();
    }
}
