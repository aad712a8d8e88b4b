package io.dbaas.nebula.kubernetes.region;

/** No client can be built for a region (no kubeconfig, unknown context, not running in a cluster). */
public class RegionUnavailableException extends RuntimeException {

    public RegionUnavailableException(String reason) {
        super(reason);
    }
}
