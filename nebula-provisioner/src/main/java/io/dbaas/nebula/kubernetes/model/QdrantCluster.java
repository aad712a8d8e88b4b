package io.dbaas.nebula.kubernetes.model;

import io.dbaas.contracts.Engine;
import io.dbaas.nebula.config.Exposure;
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
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A Qdrant cluster as Kubernetes objects: pure rendering, no calls to any API server. Follows the layout of the
 * official qdrant-helm chart (pod 0 starts the cluster, the other pods bootstrap from it over the headless Service).
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

    private static final Pattern VERSION = Pattern.compile("\\d{1,4}\\.\\d{1,4}\\.\\d{1,4}");
    private static final Pattern QUANTITY = Pattern.compile("[0-9]+(\\.[0-9]+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?");
    private static final long USER_ID = 1000L;
    private static final long GROUP_ID = 2000L;
    private static final long FS_GROUP_ID = 3000L;

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

    private QdrantCluster(DBClusterSpecs specs, RegionProperties region) {
        this.clusterId = specs.clusterId();
        this.namespace = ResourceNames.namespace(specs.clusterId());
        this.image = "qdrant/qdrant:v" + specs.version();
        this.replicas = specs.nodes();
        this.cpu = new Quantity(specs.cpu());
        this.memory = new Quantity(specs.memory());
        this.disk = new Quantity(specs.disk());
        this.storageClass = region.storageClass();
        this.exposure = region.exposure();
        this.serviceAnnotations = new LinkedHashMap<>(region.serviceAnnotations());
        this.statefulSetAnnotations = statusAnnotations(specs);
    }

    /**
     * Renders a cluster from its specs and the settings of the region it runs in.
     *
     * @throws InvalidClusterSpecsException when the specs cannot make valid objects (bad version or quantity)
     */
    public static QdrantCluster fromSpecs(DBClusterSpecs specs, RegionProperties region) {
        if (specs.engine() != Engine.QDRANT) {
            throw new IllegalArgumentException("not a Qdrant cluster: " + specs.engine());
        }
        if (!VERSION.matcher(specs.version()).matches()) {
            throw new InvalidClusterSpecsException(
                    "Qdrant version '" + specs.version() + "' is not a release version such as 1.13.4.");
        }
        requirePositiveQuantity("cpu", specs.cpu());
        requirePositiveQuantity("memory", specs.memory());
        requirePositiveQuantity("disk", specs.disk());
        return new QdrantCluster(specs, region);
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
        return new PodSpecBuilder()
                // Qdrant never calls the Kubernetes API, and Service environment variables would only add noise.
                .withAutomountServiceAccountToken(false)
                .withEnableServiceLinks(false)
                .withNewSecurityContext()
                .withFsGroup(FS_GROUP_ID)
                .withFsGroupChangePolicy("OnRootMismatch")
                .withNewSeccompProfile()
                .withType("RuntimeDefault")
                .endSeccompProfile()
                .endSecurityContext()
                .withNewAffinity()
                .withNewPodAntiAffinity()
                // Preferred, not required: a one-node development cluster must still run a three-node Qdrant.
                .addNewPreferredDuringSchedulingIgnoredDuringExecution()
                .withWeight(100)
                .withNewPodAffinityTerm()
                .withTopologyKey("kubernetes.io/hostname")
                .withNewLabelSelector()
                .withMatchLabels(selector())
                .endLabelSelector()
                .endPodAffinityTerm()
                .endPreferredDuringSchedulingIgnoredDuringExecution()
                .endPodAntiAffinity()
                .endAffinity()
                .withContainers(qdrantContainer())
                .addNewVolume()
                .withName("config")
                .withNewConfigMap()
                .withName(ResourceNames.QDRANT_CONFIG_MAP)
                .withDefaultMode(0755)
                .endConfigMap()
                .endVolume()
                .addNewVolume()
                .withName("snapshots")
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
                .endPort()
                .addNewPort()
                .withName("grpc")
                .withContainerPort(GRPC_PORT)
                .endPort()
                .addNewPort()
                .withName("p2p")
                .withContainerPort(P2P_PORT)
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
                // Requests equal limits: the node gets exactly what the client pays for (Guaranteed QoS).
                .withNewResources()
                .withRequests(resources)
                .withLimits(new LinkedHashMap<>(resources))
                .endResources()
                .withNewReadinessProbe()
                .withNewHttpGet()
                .withPath("/readyz")
                .withNewPort(HTTP_PORT)
                .endHttpGet()
                .withInitialDelaySeconds(5)
                .withPeriodSeconds(5)
                .withFailureThreshold(6)
                .endReadinessProbe()
                .withNewLivenessProbe()
                .withNewHttpGet()
                .withPath("/livez")
                .withNewPort(HTTP_PORT)
                .endHttpGet()
                .withInitialDelaySeconds(10)
                .withPeriodSeconds(10)
                .withFailureThreshold(6)
                .endLivenessProbe()
                .withNewSecurityContext()
                .withRunAsUser(USER_ID)
                .withRunAsGroup(GROUP_ID)
                .withRunAsNonRoot(true)
                .withPrivileged(false)
                .withAllowPrivilegeEscalation(false)
                .withReadOnlyRootFilesystem(true)
                .withNewCapabilities()
                .withDrop("ALL")
                .endCapabilities()
                .endSecurityContext()
                .addNewVolumeMount()
                .withName(ResourceNames.QDRANT_STORAGE_VOLUME)
                .withMountPath(STORAGE_PATH)
                .endVolumeMount()
                .addNewVolumeMount()
                .withName("snapshots")
                .withMountPath(SNAPSHOTS_PATH)
                .endVolumeMount()
                .addNewVolumeMount()
                .withName("config")
                .withMountPath(CONFIG_DIRECTORY + "/" + START_SCRIPT)
                .withSubPath(START_SCRIPT)
                .endVolumeMount()
                .build();
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

    private static Map<String, String> statusAnnotations(DBClusterSpecs specs) {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(Annotations.CLUSTER_ENDPOINT, specs.endpoint());
        annotations.put(Annotations.CLUSTER_NAME, specs.name());
        annotations.put(Annotations.PROVIDER, specs.provider());
        annotations.put(Annotations.REGION, specs.region());
        annotations.put(Annotations.COMMAND_ID, specs.commandId().toString());
        annotations.put(Annotations.CORRELATION_ID, specs.correlationId().toString());
        if (specs.traceId() != null) {
            annotations.put(Annotations.TRACE_ID, specs.traceId());
        }
        return annotations;
    }

    private static void requirePositiveQuantity(String what, String value) {
        if (!QUANTITY.matcher(value).matches()
                || new Quantity(value).getNumericalAmount().compareTo(BigDecimal.ZERO) <= 0) {
            throw new InvalidClusterSpecsException(
                    "The " + what + " of a node, '" + value + "', is not a positive Kubernetes quantity.");
        }
    }
}
