package io.dbaas.contracts.event;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dbaas.contracts.Envelope;
import io.dbaas.contracts.MessageMetadata;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Every node of the cluster is ready.
 *
 * @param clusterEndpoint the public host name clients use, {@code <cluster-uuid>.<region>.<provider>.<tld>}
 * @param internalAddress where GateKeeper reaches the cluster's client Service
 * @param sealedMasterKey the cluster's master key sealed with the shared key-encryption key (see
 *     {@link io.dbaas.contracts.security.MasterKeyCipher}); the master key never travels in clear
 * @param nodesReady number of ready nodes
 */
@JsonTypeName(ClusterProvisioned.NAME)
public record ClusterProvisioned(
        UUID id,
        Instant createdAt,
        MessageMetadata metadata,
        UUID clusterId,
        String clusterEndpoint,
        ServiceAddress internalAddress,
        String sealedMasterKey,
        int nodesReady)
        implements ClusterEvent {

    public static final String NAME = "ClusterProvisioned";
    public static final String SCHEMA_ID = "dbaas.event.cluster-provisioned.v1";

    public ClusterProvisioned {
        Envelope.requireComplete(id, createdAt, metadata, clusterId);
        Objects.requireNonNull(clusterEndpoint, "cluster_endpoint");
        Objects.requireNonNull(internalAddress, "internal_address");
        Objects.requireNonNull(sealedMasterKey, "sealed_master_key");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String schemaId() {
        return SCHEMA_ID;
    }

    /** Keeps the sealed key out of logs even though it is encrypted. */
    @Override
    public String toString() {
        return "ClusterProvisioned[id=%s, clusterId=%s, clusterEndpoint=%s, internalAddress=%s, nodesReady=%d]"
                .formatted(id, clusterId, clusterEndpoint, internalAddress, nodesReady);
    }
}
