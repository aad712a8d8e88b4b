package io.dbaas.nebula.kubernetes.blueprint;

import io.dbaas.contracts.Engine;
import io.dbaas.nebula.config.NebulaProperties;
import io.dbaas.nebula.config.RegionProperties;
import io.dbaas.nebula.infrastructure.DBClusterSpecs;
import io.dbaas.nebula.kubernetes.model.ClusterCertificates;
import io.dbaas.nebula.kubernetes.model.DesiredCluster;
import io.dbaas.nebula.kubernetes.model.GeneratedSecret;
import io.dbaas.nebula.kubernetes.model.QdrantCluster;
import io.dbaas.nebula.kubernetes.model.ResourceNames;
import io.dbaas.nebula.security.MasterKeys;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Qdrant in distributed mode, as the official qdrant-helm chart runs it, with TLS from the cluster's own CA on the
 * client ports and between peers. GateKeeper sends the master key as {@code api-key} and speaks HTTPS to the cluster.
 */
@Component
public class QdrantBlueprint implements EngineBlueprint {

    private final NebulaProperties properties;
    private final Clock clock;

    @Autowired
    public QdrantBlueprint(NebulaProperties properties) {
        this(properties, Clock.systemUTC());
    }

    /** @param clock when certificates are issued and when they are due for renewal */
    public QdrantBlueprint(NebulaProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public Engine engine() {
        return Engine.QDRANT;
    }

    @Override
    public DesiredCluster render(DBClusterSpecs specs, RegionProperties region) {
        QdrantCluster cluster = QdrantCluster.fromSpecs(
                specs,
                region,
                properties.gatekeeperFor(region),
                properties.monitoringFor(region).orElse(null));
        ClusterTlsSecrets tls = new ClusterTlsSecrets(cluster.certificates(), clock);
        List<GeneratedSecret> secrets = new ArrayList<>(List.of(tls.certificateAuthority(), tls.nodeCertificate()));
        if (cluster.scraped()) {
            secrets.add(metricsReader(cluster));
        }
        return DesiredCluster.of(cluster, cluster.generateMasterKeySecret(), masterKeyEntry(), secrets);
    }

    /**
     * Qdrant's read-only API key, random and generated once, that the platform's Prometheus scrapes {@code /metrics}
     * with: a scraper that leaks it can read data, never write or delete it, and never holds the master key.
     */
    static GeneratedSecret metricsReader(QdrantCluster cluster) {
        return new GeneratedSecret(
                cluster.generateMetricsReaderSecret(),
                List.of(ResourceNames.MASTER_KEY_ENTRY),
                inputs -> Map.of(ResourceNames.MASTER_KEY_ENTRY, MasterKeys.generate()));
    }

    @Override
    public String statefulSetName() {
        return ResourceNames.QDRANT_STATEFUL_SET;
    }

    @Override
    public String clientServiceName() {
        return ResourceNames.QDRANT_CLIENT_SERVICE;
    }

    @Override
    public int clientPort() {
        return QdrantCluster.HTTP_PORT;
    }

    /** REST and gRPC are TLS-only; the server certificate chains to the cluster's CA (Secret {@code qdrant-ca}). */
    @Override
    public String clientScheme() {
        return "https";
    }

    /**
     * {@code http} while any pod runs without TLS: a cluster provisioned by a Nebula without Qdrant TLS keeps serving
     * plain HTTP on those pods until every one of them has been replaced by a pod of the current template.
     */
    @Override
    public String clientScheme(List<Pod> pods) {
        return pods.stream().allMatch(QdrantBlueprint::servesTls) ? clientScheme() : "http";
    }

    private static boolean servesTls(Pod pod) {
        return pod.getSpec().getContainers().stream()
                .filter(container -> container.getEnv() != null)
                .flatMap(container -> container.getEnv().stream())
                .anyMatch(env -> QdrantCluster.TLS_SWITCH.equals(env.getName()) && "true".equals(env.getValue()));
    }

    @Override
    public String masterKeySecretName() {
        return ResourceNames.QDRANT_MASTER_KEY_SECRET;
    }

    @Override
    public String masterKeyEntry() {
        return ResourceNames.MASTER_KEY_ENTRY;
    }

    /**
     * Refused always: a Qdrant shard lives on the peers it was placed on, with a replica elsewhere only if the
     * collection asked for a replication factor above one, and Nebula cannot see collections. Removing a peer could
     * drop the only copy of a shard.
     */
    @Override
    public Optional<String> refuseScaleIn(int nodes, int wantedNodes) {
        return Optional.of(("The cluster has %d nodes and keeps them: removing a Qdrant node drops the shards that live"
                        + " only on it, and Nebula cannot see which collections are replicated. To run on %d nodes,"
                        + " create a cluster of %d nodes and move the collections to it with snapshots.")
                .formatted(nodes, wantedNodes, wantedNodes));
    }

    /** The cluster CA's certificate, never its key ({@code ca.key} stays in the Secret). */
    @Override
    public Optional<SecretEntry> upstreamCaCertificate() {
        return Optional.of(new SecretEntry(ResourceNames.QDRANT_CA_SECRET, ClusterCertificates.CA_CERTIFICATE_ENTRY));
    }
}
