package io.dbaas.nebula.kubernetes.model;

import io.dbaas.contracts.Engine;
import io.dbaas.nebula.config.Exposure;
import io.dbaas.nebula.config.GatekeeperPeers;
import io.dbaas.nebula.config.RegionProperties;
import io.dbaas.nebula.infrastructure.DBClusterSpecs;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
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
 * A Qdrant cluster as Kubernetes objects: pure rendering, no calls to any API server. Follows the layout of the
 * official qdrant-helm chart (pod 0 starts the cluster, the other pods bootstrap from it over the headless Service;
 * uid 1000, gid 2000, fsGroup 3000; {@code /readyz} for readiness), hardened to the restricted Pod Security Standard
 * and fenced by a NetworkPolicy.
 */
public final class QdrantCluster {

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

    static final String TMP_PATH = "/tmp";
    static final String CONFIG_VOLUME = "config";
    static final String SNAPSHOTS_VOLUME = "snapshots";
    static final String INIT_VOLUME = "init";
    static final String TMP_VOLUME = "tmp";
    /** Long enough for Qdrant to flush its write-ahead log and finish in-flight requests after SIGTERM. */
    static final long TERMINATION_GRACE_PERIOD_SECONDS = 60;

    /** The ids qdrant-helm runs Qdrant with; the image's files are readable by them. */
    private static final SecurityContexts SECURITY = new SecurityContexts(1000L, 2000L, 3000L);

    private final UUID clusterId;
    private final String namespace;
    private final String image;
    private final int replicas;
    private final Quantity cpu;
    private final Quantity memory;
    private final Quantity disk;
    private final String storageClass;
    private final Exposure exposure;
    private final Map<String, String> serviceAnnotations;
    private final Map<String, String> statefulSetAnnotations;
    private final List<String> zones;
    private final GatekeeperPeers gatekeeper;

    private QdrantCluster(DBClusterSpecs specs, RegionProperties region, GatekeeperPeers gatekeeper) {
        this.clusterId = specs.clusterId();
        this.namespace = ResourceNames.namespace(specs.clusterId());
        this.image = "qdrant/qdrant:v" + specs.version();
        this.replicas = specs.nodes();
        this.cpu = new Quantity(specs.cpu());
        this.memory = new Quantity(specs.memory());
        this.disk = new Quantity(specs.disk());
        this.storageClass = region.storageClass();
        this.exposure = region.exposure();
        // Sorted: configuration maps have no stable order, and the rendered object's hash must not change by itself.
        this.serviceAnnotations = new TreeMap<>(region.serviceAnnotations());
        this.statefulSetAnnotations = Annotations.status(specs);
        this.zones = region.zones();
        this.gatekeeper = gatekeeper;
    }

    /**
     * Renders a cluster from its specs, the settings of the region it runs in and where GateKeeper's traffic comes
     * from there.
     *
     * @throws InvalidClusterSpecsException when the specs cannot make valid objects (bad version or quantity)
     */
    public static QdrantCluster fromSpecs(DBClusterSpecs specs, RegionProperties region, GatekeeperPeers gatekeeper) {
        if (specs.engine() != Engine.QDRANT) {
            throw new IllegalArgumentException("not a Qdrant cluster: " + specs.engine());
        }
        SpecsChecks.requireReleaseVersion("Qdrant", specs.version(), "1.13.4");
        SpecsChecks.requirePositiveResources(specs);
        return new QdrantCluster(specs, region, gatekeeper);
    }

    public String namespace() {
        return namespace;
    }

    public Namespace generateNamespace() {
        return new NamespaceBuilder()
                .withMetadata(new ObjectMetaBuilder()
                        .withName(namespace)
                        .withLabels(labels())
                        .build())
                .build();
    }

    /**
     * The Secret that holds the master key, without the key: the reconciler generates it once, a rendering for
     * review shows a placeholder (see {@link DesiredCluster}).
     */
    public Secret generateMasterKeySecret() {
        return new SecretBuilder()
                .withMetadata(metadata(ResourceNames.QDRANT_MASTER_KEY_SECRET))
                .withType("Opaque")
                .build();
    }

    public ConfigMap generateConfigMap() {
        return new ConfigMapBuilder()
                .withMetadata(metadata(ResourceNames.QDRANT_CONFIG_MAP))
                .withData(Map.of(START_SCRIPT, startScript()))
                .build();
    }

    /** Gives each pod a stable DNS name for peer traffic, published before the pod is ready so peers can join. */
    public Service generateHeadlessService() {
        return new ServiceBuilder()
                .withMetadata(metadata(ResourceNames.QDRANT_HEADLESS_SERVICE))
                .withNewSpec()
                .withClusterIP("None")
                .withPublishNotReadyAddresses(true)
                .withSelector(selector())
                .withPorts(port("http", HTTP_PORT), port("grpc", GRPC_PORT), port("p2p", P2P_PORT))
                .endSpec()
                .build();
    }

    /** The Service clients (through GateKeeper) use: HTTP and gRPC only, never the peer port. */
    public Service generateClientService() {
        ObjectMeta metadata = metadata(ResourceNames.QDRANT_CLIENT_SERVICE);
        metadata.setAnnotations(serviceAnnotations.isEmpty() ? null : new LinkedHashMap<>(serviceAnnotations));
        return new ServiceBuilder()
                .withMetadata(metadata)
                .withNewSpec()
                .withType(exposure == Exposure.LOAD_BALANCER ? "LoadBalancer" : "ClusterIP")
                .withSelector(selector())
                .withPorts(port("http", HTTP_PORT), port("grpc", GRPC_PORT))
                .endSpec()
                .build();
    }

    /** Voluntary disruptions (node drains, upgrades) take down one pod at a time, as qdrant-helm's budget does. */
    public PodDisruptionBudget generatePodDisruptionBudget() {
        return new PodDisruptionBudgetBuilder()
                .withMetadata(metadata(ResourceNames.QDRANT_POD_DISRUPTION_BUDGET))
                .withNewSpec()
                .withNewMaxUnavailable(1)
                .withNewSelector()
                .withMatchLabels(selector())
                .endSelector()
                .endSpec()
                .build();
    }

    /**
     * Admits HTTP and gRPC only from GateKeeper and the peer port only from the cluster's own pods; everything else
     * that reaches a Qdrant pod is dropped. Egress stays open: pods resolve and reach each other by DNS.
     */
    public NetworkPolicy generateNetworkPolicy() {
        return new NetworkPolicyBuilder()
                .withMetadata(metadata(ResourceNames.QDRANT_NETWORK_POLICY))
                .withNewSpec()
                .withNewPodSelector()
                .withMatchLabels(selector())
                .endPodSelector()
                .withPolicyTypes("Ingress")
                .addNewIngress()
                .withFrom(NetworkPolicyPeers.gatekeeper(gatekeeper))
                .withPorts(NetworkPolicyPeers.tcp(HTTP_PORT), NetworkPolicyPeers.tcp(GRPC_PORT))
                .endIngress()
                .addNewIngress()
                .withFrom(NetworkPolicyPeers.ownPods(selector()))
                .withPorts(NetworkPolicyPeers.tcp(P2P_PORT))
                .endIngress()
                .endSpec()
                .build();
    }

    public StatefulSet generateStatefulSet() {
        ObjectMeta metadata = metadata(ResourceNames.QDRANT_STATEFUL_SET);
        metadata.setAnnotations(new LinkedHashMap<>(statefulSetAnnotations));
        return new StatefulSetBuilder()
                .withMetadata(metadata)
                .withNewSpec()
                .withReplicas(replicas)
                .withServiceName(ResourceNames.QDRANT_HEADLESS_SERVICE)
                // Parallel: every pod must be up for the Raft cluster to form, so none waits for another.
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
                .withVolumeClaimTemplates(storageClaimTemplate())
                .endSpec()
                .build();
    }

    private PodSpec podSpec() {
        TopologySpread spread = new TopologySpread(selector(), zones);
        return new PodSpecBuilder()
                // Qdrant never calls the Kubernetes API, and Service environment variables would only add noise.
                .withAutomountServiceAccountToken(false)
                .withEnableServiceLinks(false)
                .withTerminationGracePeriodSeconds(TERMINATION_GRACE_PERIOD_SECONDS)
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
                .addNewVolume()
                .withName(SNAPSHOTS_VOLUME)
                .withNewEmptyDir()
                .endEmptyDir()
                .endVolume()
                .addNewVolume()
                .withName(INIT_VOLUME)
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

    private Container qdrantContainer() {
        Map<String, Quantity> resources = new LinkedHashMap<>();
        resources.put("cpu", cpu);
        resources.put("memory", memory);
        return new ContainerBuilder()
                .withName(ENGINE)
                .withImage(image)
                .withImagePullPolicy("IfNotPresent")
                .withCommand("/bin/bash", CONFIG_DIRECTORY + "/" + START_SCRIPT)
                .addNewPort()
                .withName("http")
                .withContainerPort(HTTP_PORT)
                .withProtocol("TCP")
                .endPort()
                .addNewPort()
                .withName("grpc")
                .withContainerPort(GRPC_PORT)
                .withProtocol("TCP")
                .endPort()
                .addNewPort()
                .withName("p2p")
                .withContainerPort(P2P_PORT)
                .withProtocol("TCP")
                .endPort()
                .addNewEnv()
                .withName("QDRANT__SERVICE__API_KEY")
                .withNewValueFrom()
                .withNewSecretKeyRef()
                .withName(ResourceNames.QDRANT_MASTER_KEY_SECRET)
                .withKey(ResourceNames.MASTER_KEY_ENTRY)
                .endSecretKeyRef()
                .endValueFrom()
                .endEnv()
                .addNewEnv()
                .withName("QDRANT__CLUSTER__ENABLED")
                .withValue("true")
                .endEnv()
                .addNewEnv()
                .withName("QDRANT_INIT_FILE_PATH")
                .withValue(INIT_PATH + "/.qdrant-initialized")
                .endEnv()
                // Requests equal limits: the node gets exactly what the client pays for (Guaranteed QoS).
                .withNewResources()
                .withRequests(resources)
                .withLimits(new LinkedHashMap<>(resources))
                .endResources()
                // Loading large collections can take minutes; until the startup probe passes, liveness is not checked.
                .withStartupProbe(Probes.httpGet("/livez", HTTP_PORT, 5, 60))
                .withLivenessProbe(Probes.httpGet("/livez", HTTP_PORT, 10, 6))
                // /readyz turns ready once this peer has joined the consensus and its shards are usable.
                .withReadinessProbe(Probes.httpGet("/readyz", HTTP_PORT, 5, 6))
                .withSecurityContext(SECURITY.container())
                .withVolumeMounts(
                        mount(ResourceNames.QDRANT_STORAGE_VOLUME, STORAGE_PATH),
                        mount(SNAPSHOTS_VOLUME, SNAPSHOTS_PATH),
                        mount(INIT_VOLUME, INIT_PATH),
                        mount(TMP_VOLUME, TMP_PATH),
                        new VolumeMountBuilder()
                                .withName(CONFIG_VOLUME)
                                .withMountPath(CONFIG_DIRECTORY + "/" + START_SCRIPT)
                                .withSubPath(START_SCRIPT)
                                .withReadOnly(true)
                                .build())
                .build();
    }

    private static VolumeMount mount(String volume, String path) {
        return new VolumeMountBuilder().withName(volume).withMountPath(path).build();
    }

    private PersistentVolumeClaim storageClaimTemplate() {
        return new PersistentVolumeClaimBuilder()
                .withNewMetadata()
                .withName(ResourceNames.QDRANT_STORAGE_VOLUME)
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

    /** Pod 0 founds the Raft cluster; the others join through it, each announcing its own stable peer URI. */
    private String startScript() {
        String founder = peerUri(ResourceNames.qdrantPeerHost(clusterId, 0));
        String ownHostPattern = ResourceNames.QDRANT_STATEFUL_SET + "-${ordinal}."
                + ResourceNames.QDRANT_HEADLESS_SERVICE + "." + namespace;
        return """
                #!/bin/bash
                # Rendered by Nebula. Pod 0 founds the Qdrant cluster, every other pod joins it through pod 0.
                set -euo pipefail
                ordinal="${HOSTNAME##*-}"
                if [ "$ordinal" = "0" ]; then
                  exec /qdrant/entrypoint.sh --uri '%s'
                else
                  exec /qdrant/entrypoint.sh --bootstrap '%s' --uri "%s"
                fi
                """.formatted(founder, founder, peerUri(ownHostPattern));
    }

    private static String peerUri(String host) {
        return "http://" + host + ":" + P2P_PORT;
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
