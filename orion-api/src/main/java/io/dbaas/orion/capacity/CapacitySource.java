package io.dbaas.orion.capacity;

/** Who set a region's capacity last. An operator's change outlives restarts; configuration applies until then. */
public enum CapacitySource {
    CONFIGURATION,
    OPERATOR
}
