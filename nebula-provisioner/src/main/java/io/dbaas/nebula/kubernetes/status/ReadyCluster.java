package io.dbaas.nebula.kubernetes.status;

import io.dbaas.contracts.event.ServiceAddress;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A cluster whose every node is ready, with what its {@code ClusterProvisioned} event needs. */
record ReadyCluster(
        UUID clusterId,
        String namespace,
        String endpoint,
        ServiceAddress internalAddress,
        int nodesReady,
        UUID commandId,
        UUID correlationId,
        @Nullable String traceId) {}
