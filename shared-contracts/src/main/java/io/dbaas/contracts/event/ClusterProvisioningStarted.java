package io.dbaas.contracts.event;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dbaas.contracts.Envelope;
import io.dbaas.contracts.MessageMetadata;
import java.time.Instant;
import java.util.UUID;

/** Nebula accepted a command and has started creating the cluster's objects. */
@JsonTypeName(ClusterProvisioningStarted.NAME)
public record ClusterProvisioningStarted(UUID id, Instant createdAt, MessageMetadata metadata, UUID clusterId)
        implements ClusterEvent {

    public static final String NAME = "ClusterProvisioningStarted";
    public static final String SCHEMA_ID = "dbaas.event.cluster-provisioning-started.v1";

    public ClusterProvisioningStarted {
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
