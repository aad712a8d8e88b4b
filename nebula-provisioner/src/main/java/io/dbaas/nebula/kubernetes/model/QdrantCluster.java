package io.dbaas.nebula.kubernetes.model;

import io.dbaas.contracts.Engine;
import io.dbaas.nebula.config.BackupStorage;
import io.dbaas.nebula.config.BackupStorageType;
import io.dbaas.nebula.config.GatekeeperPeers;
import io.dbaas.nebula.config.MonitoringPeers;
import io.dbaas.nebula.config.RegionProperties;
import io.dbaas.nebula.infrastructure.DBClusterSpecs;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.SecretKeySelectorBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.PodMetricsEndpoint;
import io.fabric8.openshift.api.model.monitoring.v1.PodMetricsEndpointBuilder;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A Qdrant cluster as Kubernetes objects: pure rendering, no calls to any API server. Follows the layout of the
 * official qdrant-helm chart (pod 0 starts the cluster, the other pods bootstrap from it over the headless Service;
 * uid 1000, gid 2000, fsGroup 3000; {@code /readyz} for readiness), hardened to the restricted Pod Security Standard
 * and fenced by a NetworkPolicy.
 */
public final class QdrantCluster implements EngineCluster {

    public static final int HTTP_PORT = 6333;
    public static final int GRPC_PORT = 6334;
    /** Peer-to-peer (Raft) port: on the headless Service only, never on the client Service. */
    public static final int P2P_PORT = 6335;

    static final String ENGINE = Engine.QDRANT.id();
    static final String START_SCRIPT = "initialize.sh";
    static final String CONFIG_DIRECTORY = "/qdrant/config";
    static final String STORAGE_PATH = "/qdrant/storage";
    static final String SNAPSHOTS_PATH = "/qdrant/snapshots";
    /** Qdrant writes a marker file on first start; by default into its working directory, which is read-only here. */
    static final String INIT_PATH = "/qdrant/init";

    /** Qdrant's {@code storage.temp_path}: where it writes temporary snapshots and uploads before moving them. */
    static final String TMP_PATH = "/tmp";
    /** The node certificate, its key and the CA certificate, from Secret {@code qdrant-certs}. */
    static final String TLS_PATH = "/qdrant/tls";
    /**
     * How often Qdrant reads its certificate files again, in seconds: a certificate Nebula renews (near expiry, or
     * for a new load-balancer address) is served within the hour, without a restart.
     */
    static final String CERTIFICATE_TTL_SECONDS = "3600";

    static final String TLS_VOLUME = "tls";

    /** The setting that turns TLS on for REST and gRPC; a pod without it serves plain HTTP. */
    public static final String TLS_SWITCH = "QDRANT__SERVICE__ENABLE_TLS";

    static final String CONFIG_VOLUME = "config";
    static final String SNAPSHOTS_VOLUME = "snapshots";
    static final String INIT_VOLUME = "init";
    static final String TMP_VOLUME = "tmp";
    /**
     * After the pre-stop pause: long enough for Qdrant to finish in-flight requests and flush its write-ahead log after
     * SIGTERM.
     */
    static final long SHUTDOWN_SECONDS = 60;
    /** The marker file Qdrant writes on first start needs a few bytes. */
    static final Quantity INIT_SIZE_LIMIT = new Quantity("1Mi");
    /**
     * How long a node may take to start before liveness applies, 10 s × 180 = 30 minutes: a peer loading large
     * collections (or receiving its shards from the others) can take many minutes, and restarting it then only starts
     * the load over.
     */
    static final int STARTUP_PROBE_PERIOD_SECONDS = 10;

    static final int STARTUP_PROBE_FAILURE_THRESHOLD = 180;

    /** The ids qdrant-helm runs Qdrant with; the image's files are readable by them. */
    private static final SecurityContexts SECURITY = new SecurityContexts(1000L, 2000L, 3000L);

    private final ClusterBasics cluster;
    private final String image;
    private final @Nullable QdrantBackupStorage backup;

    /** Qdrant's {@code service.read_only_api_key}: the key the platform's Prometheus scrapes {@code /metrics} with. */
    static final String READ_ONLY_KEY_SETTING = "QDRANT__SERVICE__READ_ONLY_API_KEY";

    private QdrantCluster(
            DBClusterSpecs specs,
            RegionProperties region,
            GatekeeperPeers gatekeeper,
            @Nullable MonitoringPeers monitoring) {
        this.cluster = ClusterBasics.of(ENGINE, specs, region, gatekeeper, monitoring);
        // Fully qualified: a runtime configured with other registries (or none by default) pulls the same image.
        this.image = "docker.io/qdrant/qdrant:v" + specs.version();
        this.backup = cluster.backupStorage() == null ? null : new QdrantBackupStorage(cluster.backupStorage());
    }

    /**
     * Renders a cluster from its specs, the settings of the region it runs in and where GateKeeper's traffic comes
     * from there.
     *
     * @throws InvalidClusterSpecsException when the specs cannot make valid objects (bad version or quantity)
     */
    public static QdrantCluster fromSpecs(DBClusterSpecs specs, RegionProperties region, GatekeeperPeers gatekeeper) {
        return fromSpecs(specs, region, gatekeeper, null);
    }

    /**
     * As {@link #fromSpecs(DBClusterSpecs, RegionProperties, GatekeeperPeers)}, scraped by the platform's Prometheus
     * from {@code monitoring}, or not scraped when it is null.
     */
    public static QdrantCluster fromSpecs(
            DBClusterSpecs specs,
            RegionProperties region,
            GatekeeperPeers gatekeeper,
            @Nullable MonitoringPeers monitoring) {
        if (specs.engine() != Engine.QDRANT) {
            throw new IllegalArgumentException("not a Qdrant cluster: " + specs.engine());
        }
        SpecsChecks.requireReleaseVersion("Qdrant", specs.version(), "1.13.4");
        SpecsChecks.requirePositiveResources(specs);
        refuseStoreQdrantCannotUse(specs, region);
        return new QdrantCluster(specs, region, gatekeeper, monitoring);
    }

    /**
     * Qdrant writes snapshots to S3-compatible storage only; a cluster in a region whose backups live elsewhere could
     * never be backed up, so it is refused rather than created without backups.
     */
    private static void refuseStoreQdrantCannotUse(DBClusterSpecs specs, RegionProperties region) {
        BackupStorage storage = region.backupStorage();
        if (storage != null && storage.type() != BackupStorageType.S3) {
            throw new InvalidClusterSpecsException(("Qdrant clusters cannot run in region %s/%s: its backups live in %s"
                            + " storage, and Qdrant stores snapshots in S3-compatible storage only. Choose a region whose"
                            + " backup storage is S3-compatible.")
                    .formatted(specs.provider(), specs.region(), storage.type().id()));
        }
    }

    /** The copy of the region's backup-storage credentials, where the region has a store. */
    @Override
    public List<CopiedSecret> generateCopiedSecrets() {
        return cluster.copiedSecrets();
    }

    @Override
    public Namespace generateNamespace() {
        return ClusterObjects.namespace(cluster);
    }

    /**
     * The Secret that holds the master key, without the key: the reconciler generates it once, a rendering for
     * review shows a placeholder (see {@link DesiredCluster}).
     */
    public Secret generateMasterKeySecret() {
        return ClusterObjects.emptySecret(cluster, ResourceNames.QDRANT_MASTER_KEY_SECRET);
    }

    /** Whether the platform's Prometheus scrapes this cluster, so that it needs a read-only key for it. */
    public boolean scraped() {
        return cluster.scraped();
    }

    /**
     * The Secret of the read-only key the platform's Prometheus scrapes {@code /metrics} with, without content: Qdrant
     * asks for a key on {@code /metrics} (read-write or read-only), and the scraper must never hold the master key.
     */
    public Secret generateMetricsReaderSecret() {
        return ClusterObjects.emptySecret(cluster, ResourceNames.QDRANT_METRICS_READER_SECRET);
    }

    /** The Secret of the cluster's CA, without content: generated once, by the reconciler. */
    public Secret generateCertificateAuthoritySecret() {
        return ClusterObjects.emptySecret(cluster, ResourceNames.QDRANT_CA_SECRET);
    }

    /** The Secret of the nodes' certificate, without content: issued from the CA, and renewed, by the reconciler. */
    public Secret generateCertificatesSecret() {
        return ClusterObjects.emptySecret(cluster, ResourceNames.QDRANT_CERTIFICATES_SECRET);
    }

    /**
     * The cluster's CA and the one certificate all its nodes present, on the client port (to GateKeeper) and on the
     * peer port (to each other, both ways). It names every pod through the headless Service as peers address them
     * (a wildcard, so scaling out needs no new certificate), the client Service under each name GateKeeper may use
     * ({@code internal_address} is its full name where there is no load balancer), and localhost. A load balancer's
     * address is added by the reconciler once the Service reports one.
     */
    public ClusterCertificates certificates() {
        String headless = ResourceNames.QDRANT_HEADLESS_SERVICE + "." + cluster.namespace();
        String client = ResourceNames.QDRANT_CLIENT_SERVICE;
        return new ClusterCertificates(
                generateCertificateAuthoritySecret(),
                generateCertificatesSecret(),
                "qdrant-ca-" + cluster.clusterId(),
                ResourceNames.QDRANT_STATEFUL_SET + "." + cluster.namespace(),
                List.of(
                        "*." + headless,
                        "*." + headless + ".svc",
                        "*." + headless + ".svc." + cluster.clusterDomain(),
                        client,
                        client + "." + cluster.namespace(),
                        client + "." + cluster.namespace() + ".svc",
                        ResourceNames.serviceHost(client, cluster.clusterId(), cluster.clusterDomain()),
                        "localhost"),
                List.of("127.0.0.1"));
    }

    @Override
    public ConfigMap generateConfigMap() {
        return new ConfigMapBuilder()
                .withMetadata(cluster.metadata(ResourceNames.QDRANT_CONFIG_MAP))
                .withData(Map.of(START_SCRIPT, startScript().render()))
                .build();
    }

    /** Gives each pod a stable DNS name for peer traffic, published before the pod is ready so peers can join. */
    @Override
    public Service generateHeadlessService() {
        return ClusterObjects.headlessService(
                cluster,
                ResourceNames.QDRANT_HEADLESS_SERVICE,
                ClusterObjects.servicePort("http", HTTP_PORT),
                ClusterObjects.servicePort("grpc", GRPC_PORT),
                ClusterObjects.servicePort("p2p", P2P_PORT));
    }

    /**
     * Lists only the pods that are ready, under one DNS name: how a starting pod 0 learns whether a cluster runs
     * without speaking to its peers (see {@link QdrantStartScript}). Qdrant turns ready only once it is part of a
     * cluster, so the name resolves to nothing while a new cluster forms.
     */
    public Service generateReadyPeersService() {
        return ClusterObjects.readyPodsService(
                cluster, ResourceNames.QDRANT_READY_SERVICE, ClusterObjects.servicePort("p2p", P2P_PORT));
    }

    @Override
    public List<Service> generateServices() {
        return List.of(generateHeadlessService(), generateReadyPeersService(), generateClientService());
    }

    /** The Service clients (through GateKeeper) use: HTTP and gRPC only, never the peer port. */
    @Override
    public Service generateClientService() {
        return ClusterObjects.clientService(
                cluster,
                ResourceNames.QDRANT_CLIENT_SERVICE,
                ClusterObjects.servicePort("http", HTTP_PORT),
                ClusterObjects.servicePort("grpc", GRPC_PORT));
    }

    /** Voluntary disruptions (node drains, upgrades) take down one pod at a time, as qdrant-helm's budget does. */
    @Override
    public PodDisruptionBudget generatePodDisruptionBudget() {
        return ClusterObjects.podDisruptionBudget(cluster, ResourceNames.QDRANT_POD_DISRUPTION_BUDGET);
    }

    /**
     * Admits HTTP and gRPC from GateKeeper, and from the cluster's own pods the ports peers use between them: the p2p
     * port (Raft and internal gRPC) and the HTTP port, over which a peer recovering a shard by snapshot transfer
     * (Qdrant's default method) downloads it from another. Peers never call each other's public gRPC port, and a
     * starting pod 0 calls none of them (it reads the {@code qdrant-ready} Service's DNS name). Everything else that
     * reaches a Qdrant pod is dropped. Egress stays open: pods resolve and reach each other by DNS.
     */
    @Override
    public NetworkPolicy generateNetworkPolicy() {
        return ClusterObjects.networkPolicy(
                cluster,
                ResourceNames.QDRANT_NETWORK_POLICY,
                List.of(HTTP_PORT, GRPC_PORT),
                List.of(HTTP_PORT, P2P_PORT),
                HTTP_PORT,
                // Qdrant serves /metrics on its REST port only; the scraper still needs the read-only key there.
                MetricsObjects.scraperIngress(cluster, HTTP_PORT));
    }

    /**
     * Prometheus scrapes every pod's {@code /metrics} over HTTPS, trusting the cluster's CA under the client Service's
     * name (which the node certificate carries; a pod's IP is not in it), with the read-only key as a bearer token.
     */
    @Override
    public List<PodMonitor> generatePodMonitors() {
        if (!cluster.rendersMonitors()) {
            return List.of();
        }
        PodMetricsEndpoint endpoint = new PodMetricsEndpointBuilder()
                .withPort("http")
                .withScheme("https")
                .withPath("/metrics")
                .withInterval(MetricsObjects.SCRAPE_INTERVAL)
                .withNewAuthorization()
                .withType("Bearer")
                .withCredentials(secretKey(ResourceNames.QDRANT_METRICS_READER_SECRET, ResourceNames.MASTER_KEY_ENTRY))
                .endAuthorization()
                .withNewTlsConfig()
                .withNewCa()
                .withSecret(secretKey(ResourceNames.QDRANT_CA_SECRET, ClusterCertificates.CA_CERTIFICATE_ENTRY))
                .endCa()
                .withServerName(ResourceNames.QDRANT_CLIENT_SERVICE + "." + cluster.namespace() + ".svc")
                .endTlsConfig()
                .build();
        return List.of(
                MetricsObjects.podMonitor(cluster, ResourceNames.QDRANT_POD_MONITOR, cluster.selector(), endpoint));
    }

    /** Every pod must be up for the Raft cluster to form, so they start in parallel. */
    @Override
    public StatefulSet generateStatefulSet() {
        return ClusterObjects.statefulSet(
                cluster,
                ResourceNames.QDRANT_STATEFUL_SET,
                ResourceNames.QDRANT_HEADLESS_SERVICE,
                generateConfigMap(),
                podSpec(),
                ClusterObjects.dataClaimTemplate(cluster, ResourceNames.QDRANT_STORAGE_VOLUME));
    }

    private PodSpec podSpec() {
        TopologySpread spread = new TopologySpread(cluster.selector(), cluster.zones());
        return new PodSpecBuilder()
                // Qdrant never calls the Kubernetes API, and Service environment variables would only add noise.
                .withAutomountServiceAccountToken(false)
                .withEnableServiceLinks(false)
                .withTerminationGracePeriodSeconds(cluster.preStopPause().toSeconds() + SHUTDOWN_SECONDS)
                .withPriorityClassName(cluster.priorityClassName())
                .withSecurityContext(SECURITY.pod())
                .withAffinity(spread.zoneAffinity())
                .withTopologySpreadConstraints(spread.constraints())
                .withContainers(qdrantContainer())
                .addNewVolume()
                .withName(CONFIG_VOLUME)
                .withNewConfigMap()
                .withName(ResourceNames.QDRANT_CONFIG_MAP)
                .withDefaultMode(0755)
                .endConfigMap()
                .endVolume()
                // Scratch space is bounded: a snapshot, or a temporary file while one is made or uploaded, holds
                // at most the node's data, so each gets the claimed disk size; beyond it the kubelet evicts the pod
                // instead of filling the Kubernetes node's disk under its neighbours.
                .addToVolumes(PodVolumes.emptyDir(SNAPSHOTS_VOLUME, cluster.disk()))
                .addToVolumes(PodVolumes.emptyDir(INIT_VOLUME, INIT_SIZE_LIMIT))
                .addToVolumes(PodVolumes.emptyDir(TMP_VOLUME, cluster.disk()))
                .addToVolumes(PodVolumes.secret(TLS_VOLUME, ResourceNames.QDRANT_CERTIFICATES_SECRET))
                .build();
    }

    private Container qdrantContainer() {
        return new ContainerBuilder()
                .withName(ENGINE)
                .withImage(image)
                .withImagePullPolicy("IfNotPresent")
                .withCommand("/bin/bash", CONFIG_DIRECTORY + "/" + START_SCRIPT)
                .withPorts(
                        ContainerPorts.tcp("http", HTTP_PORT),
                        ContainerPorts.tcp("grpc", GRPC_PORT),
                        ContainerPorts.tcp("p2p", P2P_PORT))
                .addToEnv(EnvVars.fromSecret(
                        "QDRANT__SERVICE__API_KEY",
                        ResourceNames.QDRANT_MASTER_KEY_SECRET,
                        ResourceNames.MASTER_KEY_ENTRY))
                .addAllToEnv(readOnlyKeyEnvironment())
                .addToEnv(EnvVars.value("QDRANT__CLUSTER__ENABLED", "true"))
                // TLS on the client ports (REST and gRPC) and between peers (mutual), all from the cluster's own CA.
                .addToEnv(tlsEnvironment())
                .addToEnv(EnvVars.value("QDRANT_INIT_FILE_PATH", INIT_PATH + "/.qdrant-initialized"))
                .addAllToEnv(QdrantSettings.environment(
                        cluster.replicas(), backup == null ? SNAPSHOTS_PATH : backup.snapshotsPath(), TMP_PATH))
                .addAllToEnv(backup == null ? List.of() : backup.environment())
                // Requests equal limits: the node gets exactly what the client pays for (Guaranteed QoS).
                .withResources(ClusterObjects.guaranteedResources(cluster))
                // Loading large collections can take minutes; until the startup probe passes, liveness is not checked.
                .withStartupProbe(Probes.httpsGet(
                        "/livez", HTTP_PORT, STARTUP_PROBE_PERIOD_SECONDS, STARTUP_PROBE_FAILURE_THRESHOLD))
                .withLivenessProbe(Probes.httpsGet("/livez", HTTP_PORT, 10, 6))
                // /readyz turns ready once this peer has joined the consensus and its shards are usable.
                .withReadinessProbe(Probes.httpsGet("/readyz", HTTP_PORT, 5, 6))
                // Keeps serving while Kubernetes takes the pod out of the Services' endpoints (GateKeeper's and
                // kube-proxy's views included): requests already on their way still find it; then SIGTERM.
                .withLifecycle(Lifecycles.preStop(
                        "sleep", String.valueOf(cluster.preStopPause().toSeconds())))
                .withSecurityContext(SECURITY.container())
                .withVolumeMounts(
                        VolumeMounts.writable(ResourceNames.QDRANT_STORAGE_VOLUME, STORAGE_PATH),
                        VolumeMounts.writable(
                                SNAPSHOTS_VOLUME, backup == null ? SNAPSHOTS_PATH : backup.snapshotsMountPath()),
                        VolumeMounts.writable(INIT_VOLUME, INIT_PATH),
                        VolumeMounts.writable(TMP_VOLUME, TMP_PATH),
                        VolumeMounts.readOnly(TLS_VOLUME, TLS_PATH),
                        VolumeMounts.readOnlyFile(CONFIG_VOLUME, CONFIG_DIRECTORY, START_SCRIPT))
                .build();
    }

    private static SecretKeySelector secretKey(String secret, String key) {
        return new SecretKeySelectorBuilder().withName(secret).withKey(key).build();
    }

    /** The read-only key, only for a scraped cluster: an unscraped one keeps exactly the pods it had. */
    private List<EnvVar> readOnlyKeyEnvironment() {
        if (!cluster.scraped()) {
            return List.of();
        }
        return List.of(EnvVars.fromSecret(
                READ_ONLY_KEY_SETTING, ResourceNames.QDRANT_METRICS_READER_SECRET, ResourceNames.MASTER_KEY_ENTRY));
    }

    /** Qdrant's {@code service.enable_tls}, {@code cluster.p2p.enable_tls} and {@code tls.*} settings. */
    private static EnvVar[] tlsEnvironment() {
        return new EnvVar[] {
            EnvVars.value(TLS_SWITCH, "true"),
            EnvVars.value("QDRANT__CLUSTER__P2P__ENABLE_TLS", "true"),
            EnvVars.value("QDRANT__TLS__CERT", TLS_PATH + "/" + ClusterCertificates.CERTIFICATE_ENTRY),
            EnvVars.value("QDRANT__TLS__KEY", TLS_PATH + "/" + ClusterCertificates.KEY_ENTRY),
            EnvVars.value("QDRANT__TLS__CA_CERT", TLS_PATH + "/" + ClusterCertificates.CA_CERTIFICATE_ENTRY),
            EnvVars.value("QDRANT__TLS__CERT_TTL", CERTIFICATE_TTL_SECONDS)
        };
    }

    private QdrantStartScript startScript() {
        return new QdrantStartScript(
                ResourceNames.QDRANT_STATEFUL_SET,
                ResourceNames.QDRANT_HEADLESS_SERVICE,
                ResourceNames.QDRANT_READY_SERVICE,
                cluster.namespace(),
                P2P_PORT);
    }
}
