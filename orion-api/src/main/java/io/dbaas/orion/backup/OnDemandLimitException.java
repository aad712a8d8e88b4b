package io.dbaas.orion.backup;

import java.util.UUID;

/** The cluster holds as many backups taken on request as the platform allows; one must be deleted first. */
public class OnDemandLimitException extends RuntimeException {

    public OnDemandLimitException(UUID clusterId, int limit) {
        super("cluster %s holds %d backups taken on request, the most allowed; delete one first"
                .formatted(clusterId, limit));
    }
}
