package io.dbaas.nebula.infrastructure;

import java.util.Locale;
import java.util.Optional;

/**
 * Which kind of command a spec comes from, so that whoever watches the cluster knows what to announce once it is
 * ready: a new cluster ({@code ClusterProvisioned}) or a changed one ({@code ClusterUpdated}).
 */
public enum ClusterOperation {
    PROVISION,
    UPDATE;

    /** The value kept in annotations, lower case. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ClusterOperation> fromId(String id) {
        for (ClusterOperation operation : values()) {
            if (operation.id().equals(id)) {
                return Optional.of(operation);
            }
        }
        return Optional.empty();
    }
}
