package io.dbaas.contracts.event;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dbaas.contracts.Envelope;
import io.dbaas.contracts.MessageMetadata;
import java.time.Instant;
import java.util.UUID;

/**
 * A degraded cluster has every node ready again.
 *
 * @param nodesReady number of ready nodes
 */
@JsonTypeName(ClusterRecovered.NAME)
public record ClusterRecovered(UUID id, Instant createdAt, MessageMetadata metadata, UUID clusterId, int nodesReady)
        implements ClusterEvent {

    public static final String NAME = "ClusterRecovered";
    public static final String SCHEMA_ID = "dbaas.event.cluster-recovered.v1";

    public ClusterRecovered {
        Envelope.requireComplete(id, createdAt, metadata, clusterId);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String schemaId() {
        return SCHEMA_ID;
    }
}
