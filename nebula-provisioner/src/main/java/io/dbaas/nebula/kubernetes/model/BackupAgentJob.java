package io.dbaas.nebula.kubernetes.model;

import io.dbaas.contracts.Engine;
import io.dbaas.contracts.backup.BackupIds;
import io.dbaas.nebula.config.BackupJobProperties;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/**
 * One Job of the backup agent in a cluster's namespace: take, restore or delete one backup (ADR 0017,
 * {@code backup-agent/README.md}). The Job is named after the backup, so a second Nebula or a redelivered command
 * meets the Job that exists instead of starting another. The agent reads everything from environment variables that
 * hold no secret and from mounted files: the engine's credential and CA from the cluster's own Secrets (only the
 * entries it needs; never a CA key), its parameters from a Secret of the Job's own (a restore's pre-signed URLs are
 * bearer credentials). Its pod runs as non-root on a read-only root filesystem, without a service-account token.
 *
 * @param action {@code take}, {@code restore} or {@code delete}
 * @param parameters the action's parameters, JSON; null when the action takes none
 * @param annotations what the outcome's event needs later (the command's ids), kept on the Job
 */
public record BackupAgentJob(
        String action,
        Engine engine,
        String backupId,
        UUID clusterId,
        int nodes,
        @Nullable String parameters,
        BackupJobProperties settings,
        Map<String, String> annotations) {

    public static final String TAKE = "take";
    public static final String RESTORE = "restore";
    public static final String DELETE = "delete";

    public static final String CONTAINER = "backup-agent";
    /** {@code app.kubernetes.io/name} of the agent's Jobs and pods: what the cluster's NetworkPolicy admits. */
    public static final String AGENT_NAME = "backup-agent";

    public static final String BACKUP_ID_LABEL = "dbaas.io/backup-id";
    public static final String BACKUP_ACTION_LABEL = "dbaas.io/backup-action";

    public static final String PARAMETERS_ENTRY = "parameters.json";
    static final String FILES = "/var/run/dbaas";
    static final String CREDENTIAL_DIR = FILES + "/credential";
    static final String CA_DIR = FILES + "/ca";
    static final String PARAMETERS_DIR = FILES + "/parameters";
    static final int BACKOFF_LIMIT = 2;
    private static final long AGENT_USER = 1000L;

    public BackupAgentJob {
        annotations = Map.copyOf(annotations);
        BackupIds.jobName(action, backupId); // refuses an unknown action
    }

    /** The Job's name: {@code backup-}, {@code restore-} or {@code delete-} and the backup id. */
    public String name() {
        return BackupIds.jobName(action, backupId);
    }

    public String namespace() {
        return ResourceNames.namespace(clusterId);
    }

    /** The labels that select a cluster's agent pods, whatever their action. */
    public static Map<String, String> selector(UUID clusterId) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(Labels.NAME, AGENT_NAME);
        labels.put(Labels.INSTANCE, clusterId.toString());
        return labels;
    }

    /**
     * The labels of the Job and its pods. Deliberately not {@link Labels#MANAGED_BY}: the cluster's watches count every
     * pod so labelled in the namespace as a node.
     */
    public Map<String, String> labels() {
        Map<String, String> labels = selector(clusterId);
        labels.put(Labels.CLUSTER_ID, clusterId.toString());
        labels.put(BACKUP_ID_LABEL, backupId);
        labels.put(BACKUP_ACTION_LABEL, action);
        return labels;
    }

    /** Where the agent reaches the engine: the client Service for Elasticsearch, every pod in order for Qdrant. */
    public List<String> endpoints() {
        String namespace = namespace();
        return switch (engine) {
            case ELASTICSEARCH ->
                List.of("https://" + ElasticsearchNames.CLIENT_SERVICE + "." + namespace + ".svc:"
                        + ElasticsearchCluster.HTTP_PORT);
            case QDRANT ->
                IntStream.range(0, nodes)
                        .mapToObj(node -> "https://" + ResourceNames.qdrantPeerHost(clusterId, node) + ".svc:"
                                + QdrantCluster.HTTP_PORT)
                        .toList();
        };
    }

    /** The Secret of the action's parameters, named as the Job; empty when the action takes none. */
    public Optional<Secret> generateParametersSecret() {
        if (parameters == null) {
            return Optional.empty();
        }
        return Optional.of(new SecretBuilder()
                .withMetadata(metadata())
                .withType("Opaque")
                .addToStringData(PARAMETERS_ENTRY, parameters)
                .build());
    }

    public Job generateJob() {
        return new JobBuilder()
                .withMetadata(metadata())
                .withNewSpec()
                .withBackoffLimit(BACKOFF_LIMIT)
                .withActiveDeadlineSeconds(settings.deadline().toSeconds())
                .withTtlSecondsAfterFinished(
                        Math.toIntExact(settings.ttlAfterFinished().toSeconds()))
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(labels())
                .endMetadata()
                .withNewSpec()
                .withRestartPolicy("Never")
                .withAutomountServiceAccountToken(false)
                .withEnableServiceLinks(false)
                .withSecurityContext(SECURITY.pod())
                .addNewContainer()
                .withName(CONTAINER)
                .withImage(settings.agentImage())
                .withEnv(environment())
                .withVolumeMounts(mounts())
                .withTerminationMessagePolicy("FallbackToLogsOnError")
                .withSecurityContext(SECURITY.container())
                .withNewResources()
                .addToRequests("cpu", new Quantity(settings.cpu()))
                .addToRequests("memory", new Quantity(settings.memory()))
                .addToLimits("cpu", new Quantity(settings.cpu()))
                .addToLimits("memory", new Quantity(settings.memory()))
                .endResources()
                .endContainer()
                .withVolumes(volumes())
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    private static final SecurityContexts SECURITY = new SecurityContexts(AGENT_USER, AGENT_USER, AGENT_USER);

    private ObjectMeta metadata() {
        return new ObjectMetaBuilder()
                .withName(name())
                .withNamespace(namespace())
                .withLabels(labels())
                .withAnnotations(new LinkedHashMap<>(annotations))
                .build();
    }

    private List<EnvVar> environment() {
        List<EnvVar> env = new ArrayList<>();
        env.add(EnvVars.value("BACKUP_ACTION", action));
        env.add(EnvVars.value("BACKUP_ENGINE", engine.id()));
        env.add(EnvVars.value("BACKUP_ID", backupId));
        env.add(EnvVars.value("BACKUP_ENDPOINTS", String.join(",", endpoints())));
        if (engine == Engine.ELASTICSEARCH) {
            env.add(EnvVars.value("BACKUP_ENGINE_USERNAME", ElasticsearchNames.ELASTIC_USER));
        }
        env.add(EnvVars.value("BACKUP_ENGINE_CREDENTIAL_FILE", CREDENTIAL_DIR + "/" + credentialEntry()));
        env.add(EnvVars.value("BACKUP_ENGINE_CA_FILE", CA_DIR + "/" + ClusterCertificates.CA_CERTIFICATE_ENTRY));
        if (parameters != null) {
            env.add(EnvVars.value("BACKUP_PARAMETERS_FILE", PARAMETERS_DIR + "/" + PARAMETERS_ENTRY));
        }
        // The JVM's temporary files go to the emptyDir: the root filesystem is read-only.
        env.add(EnvVars.value("JAVA_TOOL_OPTIONS", "-Djava.io.tmpdir=/tmp"));
        return env;
    }

    private List<VolumeMount> mounts() {
        List<VolumeMount> mounts = new ArrayList<>();
        mounts.add(mount("credential", CREDENTIAL_DIR));
        mounts.add(mount("ca", CA_DIR));
        if (parameters != null) {
            mounts.add(mount("parameters", PARAMETERS_DIR));
        }
        mounts.add(
                new VolumeMountBuilder().withName("tmp").withMountPath("/tmp").build());
        return mounts;
    }

    private List<Volume> volumes() {
        List<Volume> volumes = new ArrayList<>();
        volumes.add(secretEntry("credential", credentialSecret(), credentialEntry()));
        // Only the CA's certificate: its key stays in the Secret no pod mounts whole.
        volumes.add(secretEntry("ca", caSecret(), ClusterCertificates.CA_CERTIFICATE_ENTRY));
        if (parameters != null) {
            volumes.add(secretEntry("parameters", name(), PARAMETERS_ENTRY));
        }
        volumes.add(new VolumeBuilder()
                .withName("tmp")
                .withNewEmptyDir()
                .withSizeLimit(new Quantity("64Mi"))
                .endEmptyDir()
                .build());
        return volumes;
    }

    /** The Secret holding the credential the agent needs: the superuser's password, or Qdrant's master key (the read-only key cannot snapshot). */
    private String credentialSecret() {
        return engine == Engine.ELASTICSEARCH
                ? ElasticsearchNames.ELASTIC_USER_SECRET
                : ResourceNames.QDRANT_MASTER_KEY_SECRET;
    }

    private String credentialEntry() {
        return engine == Engine.ELASTICSEARCH ? ElasticsearchNames.ELASTIC_USER_ENTRY : ResourceNames.MASTER_KEY_ENTRY;
    }

    private String caSecret() {
        return engine == Engine.ELASTICSEARCH ? ElasticsearchNames.CA_SECRET : ResourceNames.QDRANT_CA_SECRET;
    }

    private static VolumeMount mount(String volume, String path) {
        return new VolumeMountBuilder()
                .withName(volume)
                .withMountPath(path)
                .withReadOnly(true)
                .build();
    }

    private static Volume secretEntry(String volume, String secret, String entry) {
        return new VolumeBuilder()
                .withName(volume)
                .withNewSecret()
                .withSecretName(secret)
                .addNewItem()
                .withKey(entry)
                .withPath(entry)
                .endItem()
                .withDefaultMode(0440)
                .endSecret()
                .build();
    }
}
