package io.dbaas.orion.operation;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import org.jspecify.annotations.Nullable;

/**
 * What the client asked an operation to change; {@code null} where it asked for nothing. A creation names the whole
 * cluster, a deletion nothing.
 */
@Embeddable
public record RequestedChange(
        @Column(name = "requested_version") @Nullable String version,
        @Column(name = "requested_nodes") @Nullable Integer nodes,
        @Column(name = "requested_cpu") @Nullable String cpu,
        @Column(name = "requested_memory") @Nullable String memory,
        @Column(name = "requested_disk") @Nullable String disk) {

    public static final RequestedChange NOTHING = new RequestedChange(null, null, null, null, null);
}
