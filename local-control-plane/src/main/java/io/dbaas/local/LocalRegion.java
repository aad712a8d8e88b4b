package io.dbaas.local;

import java.util.List;

/**
 * The one region of the local run, {@code minikube/local}: Orion offers it and sizes it generously, Nebula provisions it
 * through the current kubeconfig context. The services' own configuration names no region, so that no install inherits
 * this one; the launcher passes it on their command lines, the two halves here side by side.
 */
final class LocalRegion {

    static final String PROVIDER = "minikube";
    static final String REGION = "local";

    private LocalRegion() {}

    /** Orion's catalog and capacity: generous for a single-node demo cluster, which over-commits anyway. */
    static List<String> orionArguments() {
        String capacity = "--orion.capacity.providers." + PROVIDER + "." + REGION + ".";
        return List.of(
                "--orion.catalog.providers." + PROVIDER + ".regions=" + REGION,
                capacity + "cpu=64",
                capacity + "memory=256Gi",
                capacity + "disk=4Ti");
    }

    /**
     * Nebula's region, reached through the current kubeconfig context (an empty context). Further settings of the region
     * (its exposure, or an API URL instead of the context) come from {@link ControlPlane.Settings#nebulaArgs()}.
     */
    static List<String> nebulaArguments() {
        return List.of("--nebula.providers." + PROVIDER + ".regions." + REGION + ".kubernetes.context=");
    }
}
