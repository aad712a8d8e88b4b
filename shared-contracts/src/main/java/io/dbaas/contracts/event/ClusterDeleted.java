package io.dbaas.contracts.event;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dbaas.contracts.Envelope;
import io.dbaas.contracts.MessageMetadata;
import java.time.Instant;
import java.util.UUID;

/**
 * Every object of the cluster is gone from its region (volumes as the volume policy says); its capacity is free.
 */
@JsonTypeName(ClusterDeleted.NAME)
public record ClusterDeleted(UUID id, Instant createdAt, MessageMetadata metadata, UUID clusterId)
        implements ClusterEvent {

    public static final String NAME = "ClusterDeleted";
    public static final String SCHEMA_ID = "dbaas.event.cluster-deleted.v1";

    public ClusterDeleted {
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
