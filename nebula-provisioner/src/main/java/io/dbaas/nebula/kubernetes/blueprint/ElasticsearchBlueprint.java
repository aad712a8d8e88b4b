package io.dbaas.nebula.kubernetes.blueprint;

import io.dbaas.contracts.Engine;
import io.dbaas.nebula.config.NebulaProperties;
import io.dbaas.nebula.config.RegionProperties;
import io.dbaas.nebula.infrastructure.DBClusterSpecs;
import io.dbaas.nebula.kubernetes.model.BootstrapConfigMap;
import io.dbaas.nebula.kubernetes.model.DesiredCluster;
import io.dbaas.nebula.kubernetes.model.ElasticsearchCluster;
import io.dbaas.nebula.kubernetes.model.ElasticsearchNames;
import io.dbaas.nebula.kubernetes.model.GeneratedSecret;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Elasticsearch as ECK runs it. The cluster's master key is the password of {@code elastic}, a file-realm superuser:
 * GateKeeper authenticates to the cluster with HTTP Basic as {@code elastic} and speaks HTTPS to it.
 */
@Component
public class ElasticsearchBlueprint implements EngineBlueprint {

    private final NebulaProperties properties;
    private final Clock clock;

    @Autowired
    public ElasticsearchBlueprint(NebulaProperties properties) {
        this(properties, Clock.systemUTC());
    }

    /** @param clock when certificates are issued and when they are due for renewal */
    public ElasticsearchBlueprint(NebulaProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public Engine engine() {
        return Engine.ELASTICSEARCH;
    }

    @Override
    public DesiredCluster render(DBClusterSpecs specs, RegionProperties region) {
        ElasticsearchCluster cluster = ElasticsearchCluster.fromSpecs(
                specs,
                region,
                properties.gatekeeperFor(region),
                properties.monitoringFor(region).orElse(null));
        ClusterTlsSecrets tls = new ClusterTlsSecrets(cluster.certificates(), clock);
        ElasticsearchInternalUsers users = new ElasticsearchInternalUsers(cluster);
        List<GeneratedSecret> secrets = new ArrayList<>(List.of(tls.certificateAuthority(), tls.nodeCertificate()));
        // The monitoring user's password comes first: the file realm's users file holds its hash.
        if (cluster.scraped()) {
            secrets.add(users.monitoringUserSecret());
        }
        secrets.add(users.secret());
        return DesiredCluster.of(
                cluster,
                cluster.generateElasticUserSecret(),
                masterKeyEntry(),
                secrets,
                new BootstrapConfigMap(
                        cluster.generateBootstrapConfigMap(), ElasticsearchCluster.formedClusterBootstrapData()));
    }

    @Override
    public String statefulSetName() {
        return ElasticsearchNames.STATEFUL_SET;
    }

    @Override
    public String clientServiceName() {
        return ElasticsearchNames.CLIENT_SERVICE;
    }

    @Override
    public int clientPort() {
        return ElasticsearchCluster.HTTP_PORT;
    }

    /** HTTP is TLS-only; the server certificate chains to the cluster's CA (Secret {@code elasticsearch-ca}). */
    @Override
    public String clientScheme() {
        return "https";
    }

    @Override
    public String masterKeySecretName() {
        return ElasticsearchNames.ELASTIC_USER_SECRET;
    }

    @Override
    public String masterKeyEntry() {
        return ElasticsearchNames.ELASTIC_USER_ENTRY;
    }

    /**
     * Refused always: removing a node safely needs its shards moved away first (allocation filtering, then waiting
     * for relocation), which takes calls to the Elasticsearch API that Nebula does not make; and with fewer than three
     * master-eligible nodes left the cluster may lose its quorum.
     */
    @Override
    public Optional<String> refuseScaleIn(int nodes, int wantedNodes) {
        return Optional.of(("The cluster has %d nodes and keeps them: Nebula cannot move shards off an Elasticsearch"
                        + " node before removing it, so removing one may lose the only copy of a shard. To run on %d"
                        + " nodes, create a cluster of %d nodes and restore a snapshot into it.")
                .formatted(nodes, wantedNodes, wantedNodes));
    }

    /** The cluster CA's certificate, never its key ({@code ca.key} stays in the Secret). */
    @Override
    public Optional<SecretEntry> upstreamCaCertificate() {
        return Optional.of(new SecretEntry(ElasticsearchNames.CA_SECRET, ElasticsearchNames.CA_CERTIFICATE_ENTRY));
    }
}
