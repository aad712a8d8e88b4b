package io.dbaas.orion.cluster;

import io.dbaas.contracts.Engine;

/** A claim that passed validation: every value is offered and within bounds. */
public record ClusterSpec(
        String name,
        Engine engine,
        String version,
        int nodes,
        Quantity cpu,
        Quantity memory,
        Quantity disk,
        String provider,
        String region) {}
