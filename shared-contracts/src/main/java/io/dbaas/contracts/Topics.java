package io.dbaas.contracts;

import java.util.Map;

/** Kafka topic names. Every record on them is keyed by cluster id. */
public final class Topics {

    /** Commands for Nebula. */
    public static final String CLUSTER_COMMANDS = "dbaas.cluster-commands";

    /** Events published by Nebula, read by Orion and GateKeeper. */
    public static final String CLUSTER_EVENTS = "dbaas.cluster-events";

    /** Events published by Orion about the credentials of clusters (revoked keys), read by GateKeeper. */
    public static final String ACCESS_EVENTS = "dbaas.access-events";

    /** Commands that could not be read or handled; they never block the partition they came from. */
    public static final String CLUSTER_COMMANDS_DEAD_LETTER = CLUSTER_COMMANDS + ".dlt";

    /** Events that could not be read. */
    public static final String CLUSTER_EVENTS_DEAD_LETTER = CLUSTER_EVENTS + ".dlt";

    /** Access events that could not be read. */
    public static final String ACCESS_EVENTS_DEAD_LETTER = ACCESS_EVENTS + ".dlt";

    /**
     * Topic settings of the two topics every GateKeeper reads from the beginning when it starts ({@link #CLUSTER_EVENTS}
     * for its routes, {@link #ACCESS_EVENTS} for revoked keys): kept forever rather than for Kafka's default week, or a
     * GateKeeper started later would route no cluster provisioned, and refuse no key revoked, before that window. Not
     * compacted either: records are keyed by cluster, and compaction keeps one per cluster, while a cluster's route is
     * in its {@code ClusterProvisioned}, not in whatever it announced last.
     */
    public static final Map<String, String> READ_FROM_THE_BEGINNING =
            Map.of("retention.ms", "-1", "retention.bytes", "-1", "cleanup.policy", "delete");

    private Topics() {}
}
