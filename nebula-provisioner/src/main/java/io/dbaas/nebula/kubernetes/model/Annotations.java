package io.dbaas.nebula.kubernetes.model;

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
}
