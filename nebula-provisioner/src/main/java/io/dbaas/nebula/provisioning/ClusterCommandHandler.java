package io.dbaas.nebula.provisioning;

import io.dbaas.contracts.command.ClusterCommand;
import io.dbaas.contracts.command.DeleteDBCluster;
import io.dbaas.contracts.command.ProvisionDBCluster;
import io.dbaas.contracts.command.ScaleDBCluster;
import io.dbaas.contracts.command.UpgradeDBCluster;
import io.dbaas.nebula.events.ClusterEventPublisher;
import io.dbaas.nebula.events.ClusterEvents;
import io.dbaas.nebula.infrastructure.DBClusterSpecs;
import io.dbaas.nebula.infrastructure.InfrastructureClient;
import io.dbaas.nebula.infrastructure.InfrastructureException;
import io.dbaas.nebula.region.RegionCatalog;
import io.dbaas.nebula.region.RegionId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryTemplate;

/**
 * Carries out cluster commands and reports the result as events. Every outcome of the infrastructure is reported: a
 * failure becomes a {@code ClusterFailed} with a plain reason, never an exception that would hold the command back.
 *
 * <p>Handling the same command twice is harmless: object names, credentials and event ids all derive from the
 * cluster and command ids, so consumers see the same events and the cluster the same objects.
 */
public class ClusterCommandHandler {

    private static final Logger log = LoggerFactory.getLogger(ClusterCommandHandler.class);

    private final RegionCatalog catalog;
    private final InfrastructureClient infrastructure;
    private final ClusterEventPublisher publisher;
    private final ClusterEvents events;
    private final RetryTemplate transientFailures;

    public ClusterCommandHandler(
            RegionCatalog catalog,
            InfrastructureClient infrastructure,
            ClusterEventPublisher publisher,
            ClusterEvents events,
            RetryTemplate transientFailures) {
        this.catalog = catalog;
        this.infrastructure = infrastructure;
        this.publisher = publisher;
        this.events = events;
        this.transientFailures = transientFailures;
    }

    public void handle(ClusterCommand command) {
        switch (command) {
            case ProvisionDBCluster provision -> provision(provision);
            case ScaleDBCluster scale -> notYetSupported(scale);
            case UpgradeDBCluster upgrade -> notYetSupported(upgrade);
            case DeleteDBCluster delete -> notYetSupported(delete);
        }
    }

    private void provision(ProvisionDBCluster command) {
        RegionId region = new RegionId(command.cloudProvider(), command.cloudRegion());
        if (catalog.find(region).isEmpty()) {
            fail(command, "No Kubernetes API is configured for " + region + ".");
            return;
        }
        publisher.publish(events.provisioningStarted(command));
        DBClusterSpecs specs = DBClusterSpecs.from(command);
        try {
            transientFailures.execute(() -> infrastructure.provision(specs));
        } catch (RetryException e) {
            if (e.getLastException() instanceof InfrastructureException failure) {
                fail(command, failure.reason());
            } else {
                // Not an infrastructure verdict (a bug, or the event bus failing): let the listener retry it.
                throw new IllegalStateException("provisioning cluster " + command.clusterId() + " failed", e);
            }
        }
    }

    private void notYetSupported(ClusterCommand command) {
        String reason = "This Nebula cannot carry out " + command.name() + " yet; the cluster is unchanged.";
        log.warn("Cluster {}: {}", command.clusterId(), reason);
        publisher.publish(events.changeFailed(command, reason));
    }

    private void fail(ProvisionDBCluster command, String reason) {
        log.warn("Cluster {} failed: {}", command.clusterId(), reason);
        publisher.publish(events.failed(command, reason));
    }
}
