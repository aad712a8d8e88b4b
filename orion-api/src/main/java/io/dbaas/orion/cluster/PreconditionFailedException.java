package io.dbaas.orion.cluster;

import java.util.UUID;

/** The client's {@code If-Match} names a version of the cluster that is no longer current. Nothing was changed. */
public class PreconditionFailedException extends RuntimeException {

    public PreconditionFailedException(UUID clusterId, String current) {
        super("cluster %s has changed since the version named in If-Match; its current ETag is %s; read it again"
                .formatted(clusterId, current));
    }
}
