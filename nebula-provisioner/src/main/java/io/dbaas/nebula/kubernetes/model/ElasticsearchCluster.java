package io.dbaas.nebula.kubernetes.model;

import static io.dbaas.nebula.kubernetes.model.ElasticsearchConfigFiles.CERTIFICATES_PATH;
import static io.dbaas.nebula.kubernetes.model.ElasticsearchConfigFiles.CONFIG_FILE;
import static io.dbaas.nebula.kubernetes.model.ElasticsearchConfigFiles.CONFIG_PATH;
import static io.dbaas.nebula.kubernetes.model.ElasticsearchConfigFiles.DATA_PATH;
import static io.dbaas.nebula.kubernetes.model.ElasticsearchConfigFiles.DOWNWARD_API_PATH;
import static io.dbaas.nebula.kubernetes.model.ElasticsearchConfigFiles.LOGS_PATH;
import static io.dbaas.nebula.kubernetes.model.ElasticsearchConfigFiles.READINESS_SCRIPT;
import static io.dbaas.nebula.kubernetes.model.ElasticsearchConfigFiles.SCRIPTS_PATH;
import static io.dbaas.nebula.kubernetes.model.ElasticsearchConfigFiles.START_SCRIPT;
import static io.dbaas.nebula.kubernetes.model.ElasticsearchConfigFiles.WAIT_FOR_ZONE_SCRIPT;
import static io.dbaas.nebula.kubernetes.model.ElasticsearchConfigFiles.ZONE_ANNOTATION;

import io.dbaas.contracts.Engine;
import io.dbaas.nebula.config.Exposure;
import io.dbaas.nebula.config.GatekeeperPeers;
import io.dbaas.nebula.config.RegionProperties;
import io.dbaas.nebula.infrastructure.DBClusterSpecs;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * An Elasticsearch cluster as Kubernetes objects, following ECK's choices: every node with every role, discovery
 * through the headless Service, security and TLS on both layers from a per-cluster CA, heap from the memory limit, one
 * disruption at a time, spread over nodes and zones with shard allocation awareness, readiness from the node's view of
 * the cluster, a pre-stop pause, and no mmap (ADR 0006). Pure rendering: no calls to any API server.
 */
public final class ElasticsearchCluster {

    public static final int HTTP_PORT = 9200;
    /** Node-to-node port: on the headless Service only, never on the client Service. */
    public static final int TRANSPORT_PORT = 9300;

    static final String ENGINE = Engine.ELASTICSEARCH.id();
    static final String CONTAINER = "elasticsearch";
    static final String WAIT_FOR_ZONE_CONTAINER = "wait-for-zone";
    static final String CONFIG_VOLUME = "config";
    static final String CERTIFICATES_VOLUME = "certificates";
    static final String DOWNWARD_API_VOLUME = "downward-api";
    static final String LOGS_VOLUME = "logs";
    static final String TMP_VOLUME = "tmp";

    /**
     * Kubernetes takes a terminating pod out of Service endpoints asynchronously; GateKeeper and kube-proxy may send
     * to it for some seconds more. The pre-stop pause keeps the node serving until they have caught up (ECK's
     * pre-stop waits for the same, by watching DNS).
     */
    static final long PRE_STOP_PAUSE_SECONDS = 30;

    /** The pre-stop pause plus time for Elasticsearch to finish in-flight requests and close its shards (ECK: 180). */
    static final long TERMINATION_GRACE_PERIOD_SECONDS = 180;

    /** The uid of the image's {@code elasticsearch} user; group 0 owns the image's writable directories. */
    private static final SecurityContexts SECURITY = new SecurityContexts(1000L, 0L, 1000L);

    private final UUID clusterId;
    private final String namespace;
    private final String image;
    private final int replicas;
    private final Quantity cpu;
    private final Quantity memory;
    private final Quantity disk;
    private final String storageClass;
    private final Exposure exposure;
    private final String clusterDomain;
    private final Map<String, String> serviceAnnotations;
    private final Map<String, String> statefulSetAnnotations;
    private final List<String> zones;
    private final GatekeeperPeers gatekeeper;
    private final ElasticsearchConfigFiles files;

    private ElasticsearchCluster(DBClusterSpecs specs, RegionProperties region, GatekeeperPeers gatekeeper) {
        this.clusterId = specs.clusterId();
        this.namespace = ResourceNames.namespace(specs.clusterId());
        this.image = "docker.elastic.co/elasticsearch/elasticsearch:" + specs.version();
        this.replicas = specs.nodes();
        this.cpu = new Quantity(specs.cpu());
        this.memory = new Quantity(specs.memory());
        this.disk = new Quantity(specs.disk());
        this.storageClass = region.storageClass();
        this.exposure = region.exposure();
        this.clusterDomain = region.clusterDomain();
        // Sorted: configuration maps have no stable order, and the rendered object's hash must not change by itself.
        this.serviceAnnotations = new TreeMap<>(region.serviceAnnotations());
        this.statefulSetAnnotations = Annotations.status(specs);
        this.zones = region.zones();
        this.gatekeeper = gatekeeper;
        this.files = new ElasticsearchConfigFiles(specs.clusterId(), specs.nodes());
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
        if (specs.engine() != Engine.ELASTICSEARCH) {
            throw new IllegalArgumentException("not an Elasticsearch cluster: " + specs.engine());
        }
        SpecsChecks.requireReleaseVersion("Elasticsearch", specs.version(), "8.15.3");
        SpecsChecks.requirePositiveResources(specs);
        if (!ElasticsearchHeap.fits(new Quantity(specs.memory()))) {
            throw new InvalidClusterSpecsException("An Elasticsearch node needs at least "
                    + ElasticsearchHeap.MIN_MEMORY + " of memory, got '" + specs.memory() + "'.");
        }
        return new ElasticsearchCluster(specs, region, gatekeeper);
    }

    public Namespace generateNamespace() {
        return new NamespaceBuilder()
                .withMetadata(new ObjectMetaBuilder()
                        .withName(namespace)
                        .withLabels(labels())
                        .build())
                .build();
    }

    /** The Secret of the {@code elastic} password, without it: the reconciler generates it once, as the master key. */
    public Secret generateElasticUserSecret() {
        return emptySecret(ElasticsearchNames.ELASTIC_USER_SECRET);
    }

    /** The Secret of the cluster's CA, without content: generated once, by the reconciler. */
    public Secret generateCertificateAuthoritySecret() {
        return emptySecret(ElasticsearchNames.CA_SECRET);
    }

    /** The Secret of the nodes' certificate, without content: issued once from the CA, by the reconciler. */
    public Secret generateCertificatesSecret() {
        return emptySecret(ElasticsearchNames.CERTIFICATES_SECRET);
    }

    /**
     * The host names the node certificate is valid for: every pod through the headless Service (a wildcard, so that
     * scaling out needs no new certificate), the client Service under each name a client may use, and localhost.
     */
    public List<String> certificateDnsNames() {
        String headless = ElasticsearchNames.podDomain(clusterId);
        String client = ElasticsearchNames.CLIENT_SERVICE;
        return List.of(
                "*." + headless,
                "*." + headless + "." + clusterDomain,
                client,
                client + "." + namespace,
                client + "." + namespace + ".svc",
                ResourceNames.serviceHost(client, clusterId, clusterDomain),
                "localhost");
    }

    /** The addresses the node certificate is valid for: the loopback address the readiness probe connects to. */
    public List<String> certificateIpAddresses() {
        return List.of("127.0.0.1");
    }

    /** The subject of the node certificate; names that matter are in {@link #certificateDnsNames()}. */
    public String certificateCommonName() {
        return ElasticsearchNames.STATEFUL_SET + "." + namespace;
    }

    public String certificateAuthorityCommonName() {
        return "elasticsearch-ca-" + clusterId;
    }

    public ConfigMap generateConfigMap() {
        return new ConfigMapBuilder()
                .withMetadata(metadata(ElasticsearchNames.CONFIG_MAP))
                .withData(files.all())
                .build();
    }

    /** Stable DNS names for every pod and the discovery seed; publishes pods before they are ready, so they can meet. */
    public Service generateHeadlessService() {
        return new ServiceBuilder()
                .withMetadata(metadata(ElasticsearchNames.HEADLESS_SERVICE))
                .withNewSpec()
                .withClusterIP("None")
                .withPublishNotReadyAddresses(true)
                .withSelector(selector())
                .withPorts(port("https", HTTP_PORT), port("transport", TRANSPORT_PORT))
                .endSpec()
                .build();
    }

    /** The Service clients (through GateKeeper) use: HTTPS only, never the transport port. */
    public Service generateClientService() {
        ObjectMeta metadata = metadata(ElasticsearchNames.CLIENT_SERVICE);
        metadata.setAnnotations(serviceAnnotations.isEmpty() ? null : new LinkedHashMap<>(serviceAnnotations));
        return new ServiceBuilder()
                .withMetadata(metadata)
                .withNewSpec()
                .withType(exposure == Exposure.LOAD_BALANCER ? "LoadBalancer" : "ClusterIP")
                .withSelector(selector())
                .withPorts(port("https", HTTP_PORT))
                .endSpec()
                .build();
    }

    /**
     * Voluntary disruptions (node drains, upgrades) take down one node at a time: with one replica per shard, a
     * second node down could make shards unavailable.
     */
    public PodDisruptionBudget generatePodDisruptionBudget() {
        return new PodDisruptionBudgetBuilder()
                .withMetadata(metadata(ElasticsearchNames.POD_DISRUPTION_BUDGET))
                .withNewSpec()
                .withNewMaxUnavailable(1)
                .withNewSelector()
                .withMatchLabels(selector())
                .endSelector()
                .endSpec()
                .build();
    }

    /** Admits HTTPS only from GateKeeper and the transport port only from the cluster's own pods. */
    public NetworkPolicy generateNetworkPolicy() {
        return new NetworkPolicyBuilder()
                .withMetadata(metadata(ElasticsearchNames.NETWORK_POLICY))
                .withNewSpec()
                .withNewPodSelector()
                .withMatchLabels(selector())
                .endPodSelector()
                .withPolicyTypes("Ingress")
                .addNewIngress()
                .withFrom(NetworkPolicyPeers.gatekeeper(gatekeeper))
                .withPorts(NetworkPolicyPeers.tcp(HTTP_PORT))
                .endIngress()
                .addNewIngress()
                .withFrom(NetworkPolicyPeers.ownPods(selector()))
                .withPorts(NetworkPolicyPeers.tcp(TRANSPORT_PORT))
                .endIngress()
                .endSpec()
                .build();
    }

    public StatefulSet generateStatefulSet() {
        ObjectMeta metadata = metadata(ElasticsearchNames.STATEFUL_SET);
        metadata.setAnnotations(new LinkedHashMap<>(statefulSetAnnotations));
        return new StatefulSetBuilder()
                .withMetadata(metadata)
                .withNewSpec()
                .withReplicas(replicas)
                .withServiceName(ElasticsearchNames.HEADLESS_SERVICE)
                // Parallel, as ECK: the initial master nodes must all be up for the cluster to form.
                .withPodManagementPolicy("Parallel")
                .withNewSelector()
                .withMatchLabels(selector())
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(labels())
                .endMetadata()
                .withSpec(podSpec())
                .endTemplate()
                .withVolumeClaimTemplates(dataClaimTemplate())
                .endSpec()
                .build();
    }

    private PodSpec podSpec() {
        ElasticsearchScheduling scheduling = new ElasticsearchScheduling(selector(), zones);
        return new PodSpecBuilder()
                // Elasticsearch never calls the Kubernetes API; Nebula tells it its zone through an annotation.
                .withAutomountServiceAccountToken(false)
                .withEnableServiceLinks(false)
                .withTerminationGracePeriodSeconds(TERMINATION_GRACE_PERIOD_SECONDS)
                .withSecurityContext(SECURITY.pod())
                .withAffinity(scheduling.affinity())
                .withTopologySpreadConstraints(scheduling.spreadConstraints())
                .withInitContainers(waitForZoneContainer())
                .withContainers(elasticsearchContainer())
                .addNewVolume()
                .withName(CONFIG_VOLUME)
                .withNewConfigMap()
                .withName(ElasticsearchNames.CONFIG_MAP)
                .withDefaultMode(0555)
                .endConfigMap()
                .endVolume()
                .addNewVolume()
                .withName(CERTIFICATES_VOLUME)
                .withNewSecret()
                .withSecretName(ElasticsearchNames.CERTIFICATES_SECRET)
                .withDefaultMode(0440)
                .endSecret()
                .endVolume()
                .addNewVolume()
                .withName(DOWNWARD_API_VOLUME)
                .withNewDownwardAPI()
                .addNewItem()
                .withPath("annotations")
                .withNewFieldRef()
                .withFieldPath("metadata.annotations")
                .endFieldRef()
                .endItem()
                .endDownwardAPI()
                .endVolume()
                .addNewVolume()
                .withName(LOGS_VOLUME)
                .withNewEmptyDir()
                .endEmptyDir()
                .endVolume()
                .addNewVolume()
                .withName(TMP_VOLUME)
                .withNewEmptyDir()
                .endEmptyDir()
                .endVolume()
                .build();
    }

    private Container waitForZoneContainer() {
        return new ContainerBuilder()
                .withName(WAIT_FOR_ZONE_CONTAINER)
                .withImage(image)
                .withImagePullPolicy("IfNotPresent")
                .withCommand("/bin/bash", SCRIPTS_PATH + "/" + WAIT_FOR_ZONE_SCRIPT)
                // The same as the main container, so that the pod keeps Guaranteed QoS and asks for nothing more.
                .withResources(resources())
                .withSecurityContext(SECURITY.containerWithWritableRootFilesystem())
                .withVolumeMounts(
                        readOnlyMount(CONFIG_VOLUME, SCRIPTS_PATH),
                        readOnlyMount(DOWNWARD_API_VOLUME, DOWNWARD_API_PATH))
                .build();
    }

    private Container elasticsearchContainer() {
        return new ContainerBuilder()
                .withName(CONTAINER)
                .withImage(image)
                .withImagePullPolicy("IfNotPresent")
                .withCommand("/bin/bash", SCRIPTS_PATH + "/" + START_SCRIPT)
                .addNewPort()
                .withName("https")
                .withContainerPort(HTTP_PORT)
                .withProtocol("TCP")
                .endPort()
                .addNewPort()
                .withName("transport")
                .withContainerPort(TRANSPORT_PORT)
                .withProtocol("TCP")
                .endPort()
                .withEnv(environment())
                // Requests equal limits: the node gets exactly what the client pays for (Guaranteed QoS).
                .withResources(resources())
                // Recovering shards after a restart can take minutes; liveness waits until the startup probe passed.
                .withStartupProbe(Probes.tcpSocket(HTTP_PORT, 10, 60))
                .withLivenessProbe(Probes.tcpSocket(HTTP_PORT, 10, 6))
                .withReadinessProbe(Probes.exec(List.of("/bin/bash", SCRIPTS_PATH + "/" + READINESS_SCRIPT), 5, 5, 3))
                .withNewLifecycle()
                .withNewPreStop()
                .withNewExec()
                .withCommand("sleep", String.valueOf(PRE_STOP_PAUSE_SECONDS))
                .endExec()
                .endPreStop()
                .endLifecycle()
                .withSecurityContext(SECURITY.containerWithWritableRootFilesystem())
                .withVolumeMounts(
                        mount(ElasticsearchNames.DATA_VOLUME, DATA_PATH),
                        mount(LOGS_VOLUME, LOGS_PATH),
                        mount(TMP_VOLUME, "/tmp"),
                        readOnlyMount(CERTIFICATES_VOLUME, CERTIFICATES_PATH),
                        readOnlyMount(CONFIG_VOLUME, SCRIPTS_PATH),
                        new VolumeMountBuilder()
                                .withName(CONFIG_VOLUME)
                                .withMountPath(CONFIG_PATH + "/" + CONFIG_FILE)
                                .withSubPath(CONFIG_FILE)
                                .withReadOnly(true)
                                .build())
                .build();
    }

    /** What {@code elasticsearch.yml} reads from the environment; the zone only exists once Nebula annotated the pod. */
    private List<EnvVar> environment() {
        return List.of(
                new EnvVarBuilder()
                        .withName("ES_JAVA_OPTS")
                        .withValue(ElasticsearchHeap.forMemoryLimit(memory).javaOptions())
                        .build(),
                new EnvVarBuilder()
                        .withName("ELASTIC_PASSWORD")
                        .withNewValueFrom()
                        .withNewSecretKeyRef()
                        .withName(ElasticsearchNames.ELASTIC_USER_SECRET)
                        .withKey(ElasticsearchNames.ELASTIC_USER_ENTRY)
                        .endSecretKeyRef()
                        .endValueFrom()
                        .build(),
                fieldRef("POD_NAME", "metadata.name"),
                fieldRef("POD_IP", "status.podIP"),
                fieldRef("NODE_NAME", "spec.nodeName"),
                fieldRef("ZONE", "metadata.annotations['" + ZONE_ANNOTATION + "']"));
    }

    private ResourceRequirements resources() {
        Map<String, Quantity> resources = new LinkedHashMap<>();
        resources.put("cpu", cpu);
        resources.put("memory", memory);
        return new ResourceRequirementsBuilder()
                .withRequests(resources)
                .withLimits(new LinkedHashMap<>(resources))
                .build();
    }

    private PersistentVolumeClaim dataClaimTemplate() {
        return new PersistentVolumeClaimBuilder()
                .withNewMetadata()
                .withName(ElasticsearchNames.DATA_VOLUME)
                .withLabels(labels())
                .endMetadata()
                .withNewSpec()
                .withAccessModes("ReadWriteOnce")
                // Left out when empty, so that the cluster's default storage class applies.
                .withStorageClassName(storageClass.isEmpty() ? null : storageClass)
                .withNewResources()
                .withRequests(Map.of("storage", disk))
                .endResources()
                .endSpec()
                .build();
    }

    private Secret emptySecret(String name) {
        return new SecretBuilder()
                .withMetadata(metadata(name))
                .withType("Opaque")
                .build();
    }

    private static EnvVar fieldRef(String name, String fieldPath) {
        return new EnvVarBuilder()
                .withName(name)
                .withNewValueFrom()
                .withNewFieldRef()
                .withFieldPath(fieldPath)
                .endFieldRef()
                .endValueFrom()
                .build();
    }

    private static VolumeMount mount(String volume, String path) {
        return new VolumeMountBuilder().withName(volume).withMountPath(path).build();
    }

    private static VolumeMount readOnlyMount(String volume, String path) {
        return new VolumeMountBuilder()
                .withName(volume)
                .withMountPath(path)
                .withReadOnly(true)
                .build();
    }

    private ObjectMeta metadata(String name) {
        return new ObjectMetaBuilder()
                .withName(name)
                .withNamespace(namespace)
                .withLabels(labels())
                .build();
    }

    private Map<String, String> labels() {
        return Labels.of(ENGINE, clusterId);
    }

    private Map<String, String> selector() {
        return Labels.selector(ENGINE, clusterId);
    }

    private static ServicePort port(String name, int port) {
        return new ServicePortBuilder()
                .withName(name)
                .withPort(port)
                .withNewTargetPort(name)
                .withProtocol("TCP")
                .build();
    }
}
