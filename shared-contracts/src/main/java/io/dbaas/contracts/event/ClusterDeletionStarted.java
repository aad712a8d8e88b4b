package io.dbaas.contracts.event;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dbaas.contracts.Envelope;
import io.dbaas.contracts.MessageMetadata;
import java.time.Instant;
import java.util.UUID;

/** Nebula accepted a delete command and is removing the cluster's objects; the cluster no longer serves. */
@JsonTypeName(ClusterDeletionStarted.NAME)
public record ClusterDeletionStarted(UUID id, Instant createdAt, MessageMetadata metadata, UUID clusterId)
        implements ClusterEvent {

    public static final String NAME = "ClusterDeletionStarted";
    public static final String SCHEMA_ID = "dbaas.event.cluster-deletion-started.v1";

    public ClusterDeletionStarted {
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
