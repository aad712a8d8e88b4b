package io.dbaas.nebula.kubernetes.model;

import io.dbaas.nebula.infrastructure.DBClusterSpecs;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Annotations on a cluster's StatefulSet that carry what the status side needs to report readiness, even after
 * Nebula restarted and the command is long gone.
 */
public final class Annotations {

    public static final String CLUSTER_ENDPOINT = "dbaas.io/cluster-endpoint";
    public static final String CLUSTER_NAME = "dbaas.io/cluster-name";
    public static final String PROVIDER = "dbaas.io/provider";
    public static final String REGION = "dbaas.io/region";
    public static final String COMMAND_ID = "dbaas.io/command-id";
    public static final String CORRELATION_ID = "dbaas.io/correlation-id";
    public static final String TRACE_ID = "dbaas.io/trace-id";

    private Annotations() {}

    /** The annotations of a cluster's node StatefulSet, in a stable order. */
    public static Map<String, String> status(DBClusterSpecs specs) {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(CLUSTER_ENDPOINT, specs.endpoint());
        annotations.put(CLUSTER_NAME, specs.name());
        annotations.put(PROVIDER, specs.provider());
        annotations.put(REGION, specs.region());
        annotations.put(COMMAND_ID, specs.commandId().toString());
        annotations.put(CORRELATION_ID, specs.correlationId().toString());
        if (specs.traceId() != null) {
            annotations.put(TRACE_ID, specs.traceId());
        }
        return annotations;
    }
}
