package io.dbaas.nebula.kubernetes.model;

import io.dbaas.contracts.Engine;
import io.dbaas.contracts.MessageCodec;
import io.dbaas.contracts.backup.RestoreSource;
import io.dbaas.nebula.infrastructure.ClusterOperation;
import io.dbaas.nebula.infrastructure.DBClusterSpecs;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Annotations that carry what the status side needs to report readiness (on the node StatefulSet) and the whole
 * desired cluster (on the namespace), even after Nebula restarted and the command is long gone. The namespace's copy
 * is what an out-of-band change is undone against.
 */
public final class Annotations {

    public static final String CLUSTER_ENDPOINT = "dbaas.io/cluster-endpoint";
    public static final String CLUSTER_NAME = "dbaas.io/cluster-name";
    public static final String CLUSTER_VERSION = "dbaas.io/cluster-version";
    public static final String PROVIDER = "dbaas.io/provider";
    public static final String REGION = "dbaas.io/region";
    public static final String COMMAND_ID = "dbaas.io/command-id";
    public static final String CORRELATION_ID = "dbaas.io/correlation-id";
    public static final String TRACE_ID = "dbaas.io/trace-id";
    /** The W3C traceparent of the last command, so that status events reported later join its trace. */
    public static final String TRACEPARENT = "dbaas.io/traceparent";
    /** {@code provision} or {@code update}: what to announce once the nodes are ready. */
    public static final String OPERATION = "dbaas.io/operation";

    public static final String NODES = "dbaas.io/nodes";
    public static final String CPU = "dbaas.io/cpu";
    public static final String MEMORY = "dbaas.io/memory";
    public static final String DISK = "dbaas.io/disk";
    /** The owning account, kept so that a resync renders the same backup path as the command did. */
    public static final String ACCOUNT_ID = "dbaas.io/account-id";

    /**
     * Set on the StatefulSet by the status side once the command named in {@link #COMMAND_ID} was announced complete:
     * the cluster has run, and that command's completion need not be announced again after a restart.
     */
    public static final String ANNOUNCED_COMMAND = "dbaas.io/announced-command";

    /**
     * Set on the StatefulSet by the status side once a degradation or recovery was announced: that event's id and what
     * the condition was, so that a restart neither repeats it nor misses the change that ends it.
     */
    public static final String ANNOUNCED_CONDITION = "dbaas.io/announced-condition";

    /**
     * Set on the StatefulSet by the status side once {@code ClusterProvisioned} told GateKeeper where the cluster
     * answers ({@code scheme://host:port}): when the cluster comes to answer elsewhere (its pods now serve TLS, or its
     * load balancer moved) it is announced again. Missing on clusters announced by an earlier Nebula.
     */
    public static final String ANNOUNCED_ADDRESS = "dbaas.io/announced-address";

    /**
     * The backup a new cluster starts from ({@code RestoreSource} as JSON), on the namespace and the StatefulSet of a
     * cluster provisioned from one: its provisioning completes only once the backup is restored.
     */
    public static final String RESTORE_FROM = "dbaas.io/restore-from";

    /**
     * Set on the StatefulSet once the restore Job of {@link #RESTORE_FROM} ended: {@code succeeded} (the cluster may be
     * announced provisioned) or {@code failed} (it was announced failed).
     */
    public static final String RESTORE_OUTCOME = "dbaas.io/restore-outcome";

    public static final String RESTORE_SUCCEEDED = "succeeded";
    public static final String RESTORE_FAILED = "failed";

    private static final MessageCodec CODEC = new MessageCodec();

    /** Set on the namespace when deletion starts: nothing is restored in it any more. */
    public static final String DELETING = "dbaas.io/deleting";

    private Annotations() {}

    /** The annotations of a cluster's node StatefulSet, in a stable order. */
    public static Map<String, String> status(DBClusterSpecs specs) {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(CLUSTER_ENDPOINT, specs.endpoint());
        annotations.put(CLUSTER_NAME, specs.name());
        annotations.put(CLUSTER_VERSION, specs.version());
        annotations.put(PROVIDER, specs.provider());
        annotations.put(REGION, specs.region());
        annotations.put(COMMAND_ID, specs.commandId().toString());
        annotations.put(CORRELATION_ID, specs.correlationId().toString());
        annotations.put(OPERATION, specs.operation().id());
        if (specs.traceId() != null) {
            annotations.put(TRACE_ID, specs.traceId());
        }
        if (specs.traceparent() != null) {
            annotations.put(TRACEPARENT, specs.traceparent());
        }
        if (specs.restoreFrom() != null) {
            annotations.put(RESTORE_FROM, CODEC.json().writeValueAsString(specs.restoreFrom()));
        }
        return annotations;
    }

    /** The annotations of a cluster's namespace: the status annotations and the cluster's shape, in a stable order. */
    public static Map<String, String> desiredSpecs(DBClusterSpecs specs) {
        Map<String, String> annotations = status(specs);
        annotations.put(NODES, Integer.toString(specs.nodes()));
        annotations.put(CPU, specs.cpu());
        annotations.put(MEMORY, specs.memory());
        annotations.put(DISK, specs.disk());
        if (specs.accountId() != null) {
            annotations.put(ACCOUNT_ID, specs.accountId().toString());
        }
        return annotations;
    }

    /** The specs {@link #desiredSpecs} wrote; empty when an annotation is missing or unreadable. */
    public static Optional<DBClusterSpecs> readSpecs(
            UUID clusterId, Engine engine, @Nullable Map<String, String> annotations) {
        if (annotations == null) {
            return Optional.empty();
        }
        try {
            Optional<ClusterOperation> operation = ClusterOperation.fromId(String.valueOf(annotations.get(OPERATION)));
            if (operation.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new DBClusterSpecs(
                    clusterId,
                    required(annotations, CLUSTER_NAME),
                    engine,
                    required(annotations, CLUSTER_VERSION),
                    Integer.parseInt(required(annotations, NODES)),
                    required(annotations, CPU),
                    required(annotations, MEMORY),
                    required(annotations, DISK),
                    required(annotations, PROVIDER),
                    required(annotations, REGION),
                    required(annotations, CLUSTER_ENDPOINT),
                    UUID.fromString(required(annotations, COMMAND_ID)),
                    UUID.fromString(required(annotations, CORRELATION_ID)),
                    annotations.get(TRACE_ID),
                    annotations.get(TRACEPARENT),
                    operation.get(),
                    annotations.containsKey(ACCOUNT_ID) ? UUID.fromString(annotations.get(ACCOUNT_ID)) : null,
                    restoreSource(annotations).orElse(null)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The backup a cluster starts from, as {@link #RESTORE_FROM} records it; empty when none, or unreadable. */
    public static Optional<RestoreSource> restoreSource(@Nullable Map<String, String> annotations) {
        String json = annotations == null ? null : annotations.get(RESTORE_FROM);
        if (json == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(CODEC.json().readValue(json, RestoreSource.class));
        } catch (RuntimeException e) { // malformed JSON, or a record refusing what it read
            return Optional.empty();
        }
    }

    private static String required(Map<String, String> annotations, String key) {
        String value = annotations.get(key);
        if (value == null) {
            throw new IllegalArgumentException("missing " + key);
        }
        return value;
    }
}
