package io.dbaas.contracts;

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

    private Topics() {}
}
