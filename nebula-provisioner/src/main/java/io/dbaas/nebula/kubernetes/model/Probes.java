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
        return httpGet("HTTP", path, port, periodSeconds, failureThreshold);
    }

    /**
     * A GET over TLS, otherwise as {@link #httpGet(String, int, int, int)}. The kubelet does not verify the server's
     * certificate, so the probe needs no CA; it passes on the status code alone.
     */
    static Probe httpsGet(String path, int port, int periodSeconds, int failureThreshold) {
        return httpGet("HTTPS", path, port, periodSeconds, failureThreshold);
    }

    private static Probe httpGet(String scheme, String path, int port, int periodSeconds, int failureThreshold) {
        return new ProbeBuilder()
                .withNewHttpGet()
                .withPath(path)
                .withNewPort(port)
                .withScheme(scheme)
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
