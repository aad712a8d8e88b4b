package io.dbaas.nebula.kubernetes.model;

import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;

/** HTTP probes with every timing written out, so that a rendered manifest shows what Kubernetes will do. */
final class Probes {

    private Probes() {}

    /**
     * A GET on {@code path} at {@code port}, failing after {@code failureThreshold} misses {@code periodSeconds}
     * apart.
     */
    static Probe httpGet(String path, int port, int periodSeconds, int failureThreshold) {
        return new ProbeBuilder()
                .withNewHttpGet()
                .withPath(path)
                .withNewPort(port)
                .withScheme("HTTP")
                .endHttpGet()
                .withPeriodSeconds(periodSeconds)
                .withTimeoutSeconds(1)
                .withSuccessThreshold(1)
                .withFailureThreshold(failureThreshold)
                .build();
    }
}
