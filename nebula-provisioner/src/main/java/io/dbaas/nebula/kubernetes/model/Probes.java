package io.dbaas.nebula.kubernetes.model;

import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import java.util.List;

/** Probes with every timing written out, so that a rendered manifest shows what Kubernetes will do. */
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

    /** A TCP connect to {@code port}: the process is alive when it accepts connections. */
    static Probe tcpSocket(int port, int periodSeconds, int failureThreshold) {
        return new ProbeBuilder()
                .withNewTcpSocket()
                .withNewPort(port)
                .endTcpSocket()
                .withPeriodSeconds(periodSeconds)
                .withTimeoutSeconds(1)
                .withSuccessThreshold(1)
                .withFailureThreshold(failureThreshold)
                .build();
    }

    /** A command run in the container; passes when it exits with 0 within {@code timeoutSeconds}. */
    static Probe exec(List<String> command, int periodSeconds, int timeoutSeconds, int failureThreshold) {
        return new ProbeBuilder()
                .withNewExec()
                .withCommand(command)
                .endExec()
                .withPeriodSeconds(periodSeconds)
                .withTimeoutSeconds(timeoutSeconds)
                .withSuccessThreshold(1)
                .withFailureThreshold(failureThreshold)
                .build();
    }
}
