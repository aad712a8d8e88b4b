package io.dbaas.nebula.kubernetes.model;

import static io.dbaas.nebula.kubernetes.model.ElasticsearchConfigFiles.BOOTSTRAP_PATH;
import static io.dbaas.nebula.kubernetes.model.ElasticsearchConfigFiles.CERTIFICATES_PATH;
import static io.dbaas.nebula.kubernetes.model.ElasticsearchConfigFiles.CONFIG_PATH;
import static io.dbaas.nebula.kubernetes.model.ElasticsearchConfigFiles.DATA_PATH;
import static io.dbaas.nebula.kubernetes.model.ElasticsearchConfigFiles.DOWNWARD_API_PATH;
import static io.dbaas.nebula.kubernetes.model.ElasticsearchConfigFiles.INITIAL_MASTER_NODES;
import static io.dbaas.nebula.kubernetes.model.ElasticsearchConfigFiles.INTERNAL_USERS_PATH;
import static io.dbaas.nebula.kubernetes.model.ElasticsearchConfigFiles.LOGS_PATH;
import static io.dbaas.nebula.kubernetes.model.ElasticsearchConfigFiles.PRE_STOP_SCRIPT;
import static io.dbaas.nebula.kubernetes.model.ElasticsearchConfigFiles.READINESS_SCRIPT;
import static io.dbaas.nebula.kubernetes.model.ElasticsearchConfigFiles.SCRIPTS_PATH;
import static io.dbaas.nebula.kubernetes.model.ElasticsearchConfigFiles.START_SCRIPT;

import io.dbaas.contracts.Engine;
import io.dbaas.nebula.config.BackupStorage;
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
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An Elasticsearch cluster as Kubernetes objects, following ECK's choices: every node with every role, discovery
 * through the headless Service, security and TLS on both layers from a per-cluster CA, heap from the memory limit, one
 * disruption at a time, spread over nodes and zones with shard allocation awareness, readiness from the node's view of
 * the cluster, a pre-stop pause, and no mmap (ADR 0006). Pure rendering: no calls to any API server.
 */
public final class ElasticsearchCluster implements EngineCluster {

    public static final int HTTP_PORT = 9200;
    /** Node-to-node port: on the headless Service only, never on the client Service. */
    public static final int TRANSPORT_PORT = 9300;

    static final String ENGINE = Engine.ELASTICSEARCH.id();
    static final String CONTAINER = "elasticsearch";
    static final String CONFIG_VOLUME = "config";
    static final String BOOTSTRAP_VOLUME = "bootstrap";
    static final String ES_CONFIG_VOLUME = "es-config";
    static final String CERTIFICATES_VOLUME = "certificates";
    static final String INTERNAL_USERS_VOLUME = "internal-users";
    static final String DOWNWARD_API_VOLUME = "downward-api";
    static final String LOGS_VOLUME = "logs";
    static final String TMP_VOLUME = "tmp";
    static final String BACKUP_CREDENTIALS_VOLUME = "backup-credentials";
    static final String KEYSTORE_CONTAINER = "init-keystore";

    /**
     * The pre-stop hook plus time for Elasticsearch to finish in-flight requests and close its shards (ECK: 180).
     */
    static final long TERMINATION_GRACE_PERIOD_SECONDS = 180;

    /** The uid of the image's {@code elasticsearch} user; group 0 owns the image's writable directories. */
    private static final SecurityContexts SECURITY = new SecurityContexts(1000L, 0L, 1000L);

    private final ClusterBasics cluster;
    private final String image;
    private final ElasticsearchConfigFiles files;

    private final ElasticsearchExporter exporter;
    private final @Nullable ElasticsearchBackupStorage backup;

    private ElasticsearchCluster(
            DBClusterSpecs specs,
            RegionProperties region,
            GatekeeperPeers gatekeeper,
            @Nullable MonitoringPeers monitoring) {
        this.cluster = ClusterBasics.of(ENGINE, specs, region, gatekeeper, monitoring);
        this.image = "docker.elastic.co/elasticsearch/elasticsearch:" + specs.version();
        this.backup = cluster.backupStorage() == null ? null : new ElasticsearchBackupStorage(cluster.backupStorage());
        this.files = new ElasticsearchConfigFiles(specs.clusterId(), cluster.preStopPause(), cluster.scraped(), backup);
        this.exporter = new ElasticsearchExporter(cluster);
    }

    /**
     * Renders a cluster from its specs, the settings of the region it runs in and where GateKeeper's traffic comes
     * from there.
     *
     * @throws InvalidClusterSpecsException when the specs cannot make valid objects (bad version or quantity, too
     *     little memory for a useful heap)
     */
    public static ElasticsearchCluster fromSpecs(
            DBClusterSpecs specs, RegionProperties region, GatekeeperPeers gatekeeper) {
        return fromSpecs(specs, region, gatekeeper, null);
    }

    /**
     * As {@link #fromSpecs(DBClusterSpecs, RegionProperties, GatekeeperPeers)}, scraped by the platform's Prometheus
     * from {@code monitoring} through a metrics exporter, or not scraped when it is null.
     */
    public static ElasticsearchCluster fromSpecs(
            DBClusterSpecs specs,
            RegionProperties region,
            GatekeeperPeers gatekeeper,
            @Nullable MonitoringPeers monitoring) {
        if (specs.engine() != Engine.ELASTICSEARCH) {
            throw new IllegalArgumentException("not an Elasticsearch cluster: " + specs.engine());
        }
        SpecsChecks.requireReleaseVersion("Elasticsearch", specs.version(), "8.15.3");
        SpecsChecks.requirePositiveResources(specs);
        if (!ElasticsearchHeap.fits(new Quantity(specs.memory()))) {
            throw new InvalidClusterSpecsException("An Elasticsearch node needs at least "
                    + ElasticsearchHeap.MIN_MEMORY + " of memory, got '" + specs.memory() + "'.");
        }
        return new ElasticsearchCluster(specs, region, gatekeeper, monitoring);
    }

    @Override
    public Namespace generateNamespace() {
        return ClusterObjects.namespace(cluster);
    }

    /**
     * The Secret of the {@code elastic} password, without it: the reconciler generates it once, as the master key. No
     * pod mounts it; the nodes know the password only as a hash ({@link #generateInternalUsersSecret()}).
     */
    public Secret generateElasticUserSecret() {
        return ClusterObjects.emptySecret(cluster, ElasticsearchNames.ELASTIC_USER_SECRET);
    }

    /** The Secret of the cluster's CA, without content: generated once, by the reconciler. */
    public Secret generateCertificateAuthoritySecret() {
        return ClusterObjects.emptySecret(cluster, ElasticsearchNames.CA_SECRET);
    }

    /** The Secret of the nodes' certificate, without content: issued from the CA, and renewed, by the reconciler. */
    public Secret generateCertificatesSecret() {
        return ClusterObjects.emptySecret(cluster, ElasticsearchNames.CERTIFICATES_SECRET);
    }

    /** The Secret of the nodes' file-realm users, without content: generated once from the master key. */
    public Secret generateInternalUsersSecret() {
        return ClusterObjects.emptySecret(cluster, ElasticsearchNames.INTERNAL_USERS_SECRET);
    }

    /**
     * The bootstrap list of master nodes: every node of the cluster as first created. The reconciler creates it only
     * together with the cluster and empties it once a node has been ready (see the start script).
     */
    public ConfigMap generateBootstrapConfigMap() {
        return new ConfigMapBuilder()
                .withMetadata(cluster.metadata(ElasticsearchNames.BOOTSTRAP_CONFIG_MAP))
                .withData(Map.of(
                        INITIAL_MASTER_NODES, String.join(",", ElasticsearchNames.nodeNames(cluster.replicas()))))
                .build();
    }

    /** The files of the bootstrap ConfigMap once the cluster has formed: no list, so no node ever bootstraps again. */
    public static Map<String, String> formedClusterBootstrapData() {
        return Map.of(INITIAL_MASTER_NODES, "");
    }

    /**
     * The host names the node certificate is valid for: every pod through the headless Service (a wildcard, so that
     * scaling out needs no new certificate), the client Service under each name a client may use, and localhost.
     */
    public List<String> certificateDnsNames() {
        String headless = ElasticsearchNames.podDomain(cluster.clusterId());
        String client = ElasticsearchNames.CLIENT_SERVICE;
        String namespace = cluster.namespace();
        String clusterDomain = cluster.clusterDomain();
        return List.of(
                "*." + headless,
                "*." + headless + "." + clusterDomain,
                client,
                client + "." + namespace,
                client + "." + namespace + ".svc",
                ResourceNames.serviceHost(client, cluster.clusterId(), clusterDomain),
                "localhost");
    }

    /** The addresses the node certificate is valid for: the loopback address the readiness probe connects to. */
    public List<String> certificateIpAddresses() {
        return List.of("127.0.0.1");
    }

    /** The subject of the node certificate; names that matter are in {@link #certificateDnsNames()}. */
    public String certificateCommonName() {
        return ElasticsearchNames.STATEFUL_SET + "." + cluster.namespace();
    }

    public String certificateAuthorityCommonName() {
        return "elasticsearch-ca-" + cluster.clusterId();
    }

    /** The cluster's CA and node certificate, as the reconciler generates them. */
    public ClusterCertificates certificates() {
        return new ClusterCertificates(
                generateCertificateAuthoritySecret(),
                generateCertificatesSecret(),
                certificateAuthorityCommonName(),
                certificateCommonName(),
                certificateDnsNames(),
                certificateIpAddresses());
    }

    @Override
    public ConfigMap generateConfigMap() {
        return new ConfigMapBuilder()
                .withMetadata(cluster.metadata(ElasticsearchNames.CONFIG_MAP))
                .withData(files.all())
                .build();
    }

    /** Stable DNS names for every pod and the discovery seed; publishes pods before they are ready, so they can meet. */
    @Override
    public Service generateHeadlessService() {
        return ClusterObjects.headlessService(
                cluster,
                ElasticsearchNames.HEADLESS_SERVICE,
                ClusterObjects.servicePort("https", HTTP_PORT),
                ClusterObjects.servicePort("transport", TRANSPORT_PORT));
    }

    /** The Service clients (through GateKeeper) use: HTTPS only, never the transport port. */
    @Override
    public Service generateClientService() {
        return ClusterObjects.clientService(
                cluster, ElasticsearchNames.CLIENT_SERVICE, ClusterObjects.servicePort("https", HTTP_PORT));
    }

    /**
     * Voluntary disruptions (node drains, upgrades) take down one node at a time: with one replica per shard, a
     * second node down could make shards unavailable.
     */
    @Override
    public PodDisruptionBudget generatePodDisruptionBudget() {
        return ClusterObjects.podDisruptionBudget(cluster, ElasticsearchNames.POD_DISRUPTION_BUDGET);
    }

    /**
     * Admits HTTPS only from GateKeeper (and, in a scraped cluster, from its metrics exporter) and the transport port
     * only from the cluster's own pods. The monitoring namespace never reaches a node: it scrapes the exporter.
     */
    @Override
    public NetworkPolicy generateNetworkPolicy() {
        return ClusterObjects.networkPolicy(
                cluster,
                ElasticsearchNames.NETWORK_POLICY,
                List.of(HTTP_PORT),
                List.of(TRANSPORT_PORT),
                HTTP_PORT,
                cluster.scraped() ? List.of(exporter.nodeIngress(HTTP_PORT)) : List.of());
    }

    /** Whether the platform's Prometheus scrapes this cluster, through a metrics exporter and its monitoring user. */
    public boolean scraped() {
        return cluster.scraped();
    }

    /** The Secret of the metrics exporter's user, without content: generated once, by the reconciler. */
    public Secret generateMonitoringUserSecret() {
        return exporter.generateMonitoringUserSecret();
    }

    @Override
    public List<NetworkPolicy> generateNetworkPolicies() {
        return cluster.scraped()
                ? List.of(generateNetworkPolicy(), exporter.generateNetworkPolicy())
                : List.of(generateNetworkPolicy());
    }

    /** The metrics exporter of a scraped cluster, reading the nodes through the client Service over HTTPS. */
    @Override
    public List<Deployment> generateDeployments() {
        if (!cluster.scraped()) {
            return List.of();
        }
        String host = ElasticsearchNames.CLIENT_SERVICE + "." + cluster.namespace() + ".svc";
        return List.of(exporter.generateDeployment("https://" + host + ":" + HTTP_PORT));
    }

    /** The copy of the region's backup-storage credentials, where the region has a store. */
    @Override
    public List<CopiedSecret> generateCopiedSecrets() {
        return cluster.copiedSecrets();
    }

    /**
     * The snapshot repository the backup agent registers on this cluster; empty where its region has no backup
     * storage.
     */
    public Optional<ElasticsearchSnapshotRepository> snapshotRepository() {
        return Optional.ofNullable(backup).map(ElasticsearchBackupStorage::repository);
    }

    /**
     * The snapshot repository of any cluster of {@code accountId} in a region whose backups live in {@code storage}:
     * what a backup Job of that cluster registers, and what a restore from one of its backups registers read-only.
     */
    public static ElasticsearchSnapshotRepository snapshotRepository(
            BackupStorage storage, UUID accountId, UUID clusterId) {
        return new ElasticsearchBackupStorage(new ClusterBackupStorage(
                        storage, ClusterBackupStorage.basePath(storage.pathPrefix(), accountId, clusterId)))
                .repository();
    }

    @Override
    public List<PodMonitor> generatePodMonitors() {
        return cluster.rendersMonitors() ? List.of(exporter.generatePodMonitor()) : List.of();
    }

    /**
     * Pods start in parallel, as ECK's: the initial master nodes must all be up for the cluster to form. A change of
     * the configuration rolls them (its hash is in the pod template); the bootstrap list is not part of it.
     */
    @Override
    public StatefulSet generateStatefulSet() {
        return ClusterObjects.statefulSet(
                cluster,
                ElasticsearchNames.STATEFUL_SET,
                ElasticsearchNames.HEADLESS_SERVICE,
                generateConfigMap(),
                podSpec(),
                ClusterObjects.dataClaimTemplate(cluster, ElasticsearchNames.DATA_VOLUME));
    }

    private PodSpec podSpec() {
        ElasticsearchScheduling scheduling = new ElasticsearchScheduling(cluster.selector(), cluster.zones());
        PodSpecBuilder pod = new PodSpecBuilder()
                // Elasticsearch never calls the Kubernetes API; Nebula tells it its zone through an annotation.
                .withAutomountServiceAccountToken(false)
                .withEnableServiceLinks(false)
                .withTerminationGracePeriodSeconds(TERMINATION_GRACE_PERIOD_SECONDS)
                .withPriorityClassName(cluster.priorityClassName())
                .withSecurityContext(SECURITY.pod())
                .withAffinity(scheduling.affinity())
                .withTopologySpreadConstraints(scheduling.spreadConstraints())
                .withContainers(elasticsearchContainer())
                .withVolumes(
                        PodVolumes.configMap(CONFIG_VOLUME, ElasticsearchNames.CONFIG_MAP, 0555),
                        PodVolumes.configMap(BOOTSTRAP_VOLUME, ElasticsearchNames.BOOTSTRAP_CONFIG_MAP, 0444),
                        PodVolumes.secret(CERTIFICATES_VOLUME, ElasticsearchNames.CERTIFICATES_SECRET),
                        PodVolumes.secret(INTERNAL_USERS_VOLUME, ElasticsearchNames.INTERNAL_USERS_SECRET),
                        PodVolumes.podAnnotations(DOWNWARD_API_VOLUME),
                        PodVolumes.emptyDir(ES_CONFIG_VOLUME),
                        PodVolumes.emptyDir(LOGS_VOLUME),
                        PodVolumes.emptyDir(TMP_VOLUME));
        if (backup != null && backup.sharedFileSystem()) {
            BackupStorage storage = backup.backup().storage();
            pod.addToVolumes(new VolumeBuilder()
                    .withName(ElasticsearchBackupStorage.REPOSITORY_VOLUME)
                    .withNewNfs()
                    .withServer(storage.server())
                    .withPath(storage.path())
                    .endNfs()
                    .build());
        } else if (backup != null) {
            pod.withInitContainers(keystoreContainer())
                    .addToVolumes(
                            PodVolumes.secret(BACKUP_CREDENTIALS_VOLUME, ResourceNames.BACKUP_CREDENTIALS_SECRET));
        }
        return pod.build();
    }

    /**
     * Builds the node's keystore from the cluster's copy of the backup credentials before Elasticsearch starts (ECK's
     * {@code elastic-internal-init-keystore}): the credentials are files on a Secret volume only this container
     * mounts, read by the keystore tool, so they never appear in an environment variable or on a command line. Same
     * image, user and resources as the node, so that the pod's size and security stay as they were.
     */
    private Container keystoreContainer() {
        return new ContainerBuilder()
                .withName(KEYSTORE_CONTAINER)
                .withImage(image)
                .withImagePullPolicy("IfNotPresent")
                .withCommand("/bin/bash", SCRIPTS_PATH + "/" + ElasticsearchBackupStorage.KEYSTORE_SCRIPT)
                .withResources(ClusterObjects.guaranteedResources(cluster))
                .withSecurityContext(SECURITY.container())
                .withVolumeMounts(
                        VolumeMounts.writable(ES_CONFIG_VOLUME, CONFIG_PATH),
                        VolumeMounts.writable(TMP_VOLUME, "/tmp"),
                        VolumeMounts.readOnly(CONFIG_VOLUME, SCRIPTS_PATH),
                        VolumeMounts.readOnly(BACKUP_CREDENTIALS_VOLUME, ElasticsearchBackupStorage.CREDENTIALS_PATH))
                .build();
    }

    /**
     * The image's entrypoint stays ({@code tini}, then the image's entrypoint script, which runs a command it does not
     * know as given): the start script runs under {@code tini} as PID 1, which forwards signals and reaps children.
     * The root filesystem is read-only: the node writes its data, logs, temporary files and configuration directory
     * (keystore included) to volumes.
     */
    private Container elasticsearchContainer() {
        return new ContainerBuilder()
                .withName(CONTAINER)
                .withImage(image)
                .withImagePullPolicy("IfNotPresent")
                .withArgs("/bin/bash", SCRIPTS_PATH + "/" + START_SCRIPT)
                .withPorts(ContainerPorts.tcp("https", HTTP_PORT), ContainerPorts.tcp("transport", TRANSPORT_PORT))
                .withEnv(environment())
                // Requests equal limits: the node gets exactly what the client pays for (Guaranteed QoS).
                .withResources(ClusterObjects.guaranteedResources(cluster))
                // Recovering shards after a restart can take minutes; liveness waits until the startup probe passed.
                .withStartupProbe(Probes.tcpSocket(HTTP_PORT, 10, 60))
                .withLivenessProbe(Probes.tcpSocket(HTTP_PORT, 10, 6))
                .withReadinessProbe(Probes.exec(List.of("/bin/bash", SCRIPTS_PATH + "/" + READINESS_SCRIPT), 5, 5, 3))
                .withLifecycle(Lifecycles.preStop("/bin/bash", SCRIPTS_PATH + "/" + PRE_STOP_SCRIPT))
                .withSecurityContext(SECURITY.container())
                .withVolumeMounts(
                        VolumeMounts.writable(ElasticsearchNames.DATA_VOLUME, DATA_PATH),
                        VolumeMounts.writable(LOGS_VOLUME, LOGS_PATH),
                        VolumeMounts.writable(TMP_VOLUME, "/tmp"),
                        VolumeMounts.writable(ES_CONFIG_VOLUME, CONFIG_PATH),
                        VolumeMounts.readOnly(CERTIFICATES_VOLUME, CERTIFICATES_PATH),
                        VolumeMounts.readOnly(CONFIG_VOLUME, SCRIPTS_PATH),
                        VolumeMounts.readOnly(BOOTSTRAP_VOLUME, BOOTSTRAP_PATH),
                        VolumeMounts.readOnly(INTERNAL_USERS_VOLUME, INTERNAL_USERS_PATH),
                        VolumeMounts.readOnly(DOWNWARD_API_VOLUME, DOWNWARD_API_PATH))
                .addAllToVolumeMounts(repositoryMount())
                .build();
    }

    /** Where a shared file system holding the cluster's snapshots is mounted; none for an object store. */
    private List<VolumeMount> repositoryMount() {
        return backup != null && backup.sharedFileSystem()
                ? List.of(VolumeMounts.writable(
                        ElasticsearchBackupStorage.REPOSITORY_VOLUME, ElasticsearchBackupStorage.REPOSITORY_MOUNT))
                : List.of();
    }

    /** What {@code elasticsearch.yml} and the scripts read from the environment: the heap, and who and where the pod is. */
    private List<EnvVar> environment() {
        return List.of(
                EnvVars.value(
                        "ES_JAVA_OPTS",
                        ElasticsearchHeap.forMemoryLimit(cluster.memory()).javaOptions()),
                EnvVars.fromField("POD_NAME", "metadata.name"),
                EnvVars.fromField("POD_IP", "status.podIP"),
                EnvVars.fromField("NODE_NAME", "spec.nodeName"));
    }
}
