package io.dbaas.nebula.kubernetes.region;

import io.dbaas.nebula.region.Region;
import io.dbaas.nebula.region.RegionCatalog;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.VersionInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Says at start-up, for every configured region, whether its Kubernetes API answers. Never fails the start-up: a
 * region that is down now may be up by the time a claim arrives, and the other regions must keep working.
 */
@Component
class KubernetesApiProbe {

    private static final Logger log = LoggerFactory.getLogger(KubernetesApiProbe.class);

    private final RegionCatalog catalog;
    private final RegionClients clients;

    KubernetesApiProbe(RegionCatalog catalog, RegionClients clients) {
        this.catalog = catalog;
        this.clients = clients;
    }

    @EventListener(ApplicationReadyEvent.class)
    void probeAllRegions() {
        if (catalog.all().isEmpty()) {
            log.warn("No provider region is configured (nebula.providers): every claim will fail.");
            return;
        }
        // Off the main thread: an API behind a black-holed address takes the whole connect timeout to answer.
        Thread.ofVirtual().name("kubernetes-api-probe").start(() -> catalog.all()
                .forEach(this::probe));
    }

    void probe(Region region) {
        RegionConnection connection;
        try {
            connection = clients.connect(region);
        } catch (RegionUnavailableException e) {
            log.warn(
                    "Kubernetes API of {} is not usable: {}. Claims for {} will fail until it is.",
                    region.id(),
                    e.getMessage(),
                    region.id());
            return;
        }
        try {
            VersionInfo version = connection.client().getKubernetesVersion();
            log.info(
                    "Kubernetes API of {} ({}) is reachable, Kubernetes {}",
                    region.id(),
                    connection.access(),
                    describe(version));
        } catch (KubernetesClientException e) {
            log.warn(
                    "Kubernetes API of {} ({}) is not reachable: {}. Commands for {} wait until it is (nebula.kubernetes-retry).",
                    region.id(),
                    connection.access(),
                    KubernetesFailures.networkProblem(e),
                    region.id());
        }
    }

    private static String describe(VersionInfo version) {
        if (version.getGitVersion() != null && !version.getGitVersion().isBlank()) {
            return version.getGitVersion();
        }
        return version.getMajor() == null
                ? "(version not reported)"
                : "v" + version.getMajor() + "." + version.getMinor();
    }
}
