package io.dbaas.gatekeeper.routing;

import io.dbaas.gatekeeper.directory.ClusterRoute;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads the cluster id out of a host {@code <cluster-uuid>.<region>.<provider>.<domain>}. Only for clusters whose
 * exact host GateKeeper does not know yet (their provisioning has started, no endpoint announced): the host must have
 * exactly that shape under the configured domain, with the id spelt canonically.
 */
final class ClusterHost {

    private ClusterHost() {}

    static Optional<UUID> clusterIdOf(String host, String domain) {
        String name = ClusterRoute.normalizeHost(host);
        String suffix = "." + domain;
        if (!name.endsWith(suffix)) {
            return Optional.empty();
        }
        String[] labels = name.substring(0, name.length() - suffix.length()).split("\\.", -1);
        if (labels.length != 3 || labels[1].isEmpty() || labels[2].isEmpty()) {
            return Optional.empty();
        }
        try {
            UUID id = UUID.fromString(labels[0]);
            // UUID.fromString also takes short forms such as 1-2-3-4-5: one cluster, one spelling.
            return id.toString().equals(labels[0]) ? Optional.of(id) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
