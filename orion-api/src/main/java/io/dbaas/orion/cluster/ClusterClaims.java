package io.dbaas.orion.cluster;

import io.dbaas.contracts.MessageMetadata;
import io.dbaas.contracts.command.DbConfiguration;
import io.dbaas.contracts.command.NodeConfiguration;
import io.dbaas.contracts.command.ProvisionDBCluster;
import io.dbaas.orion.OrionProperties;
import io.dbaas.orion.outbox.Outbox;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Accepts cluster claims: the cluster and its provisioning command are committed together or not at all. */
@Service
public class ClusterClaims {

    private final ClaimValidator validator;
    private final Clusters clusters;
    private final Outbox outbox;
    private final OrionProperties properties;
    private final Clock clock;

    public ClusterClaims(
            ClaimValidator validator, Clusters clusters, Outbox outbox, OrionProperties properties, Clock clock) {
        this.validator = validator;
        this.clusters = clusters;
        this.outbox = outbox;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Stores the claimed cluster in state {@code PENDING} and its {@code ProvisionDBCluster} command in the outbox.
     *
     * @throws InvalidClaimException when the claim is refused; nothing is stored
     */
    @Transactional
    public Cluster claim(UUID accountId, Claim claim) {
        ClusterSpec spec = validator.validate(claim);
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        Cluster cluster = clusters.save(Cluster.claim(id, accountId, spec, endpoint(id, spec), now));
        outbox.append(provisionCommand(cluster, now));
        return cluster;
    }

    /**
     * The cluster, if it belongs to the account. Another account's cluster is not found, exactly like a missing one,
     * so that cluster ids reveal nothing across accounts.
     */
    @Transactional(readOnly = true)
    public Cluster find(UUID accountId, UUID id) {
        return clusters.findByIdAndAccountId(id, accountId).orElseThrow(() -> new ClusterNotFoundException(id));
    }

    private String endpoint(UUID id, ClusterSpec spec) {
        return String.join(".", id.toString(), spec.region(), spec.provider(), properties.endpointDomain());
    }

    private static ProvisionDBCluster provisionCommand(Cluster cluster, Instant now) {
        return new ProvisionDBCluster(
                UUID.randomUUID(),
                now,
                MessageMetadata.startingChain(UUID.randomUUID()),
                cluster.accountId(),
                cluster.provider(),
                cluster.region(),
                cluster.id(),
                cluster.name(),
                cluster.engine(),
                cluster.engineVersion(),
                new DbConfiguration(
                        cluster.endpoint(),
                        cluster.nodes(),
                        new NodeConfiguration(cluster.cpu(), cluster.memory(), cluster.disk())));
    }
}
