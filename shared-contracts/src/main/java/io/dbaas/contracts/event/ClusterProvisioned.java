package io.dbaas.contracts.event;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dbaas.contracts.Engine;
import io.dbaas.contracts.Envelope;
import io.dbaas.contracts.MessageMetadata;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Every node of the cluster is ready.
 *
 * @param engine the cluster's engine, which tells GateKeeper how to present the cluster's credential and which
 *     requests write
 * @param clusterEndpoint the public host name clients use, {@code <cluster-uuid>.<region>.<provider>.<tld>}
 * @param internalAddress where GateKeeper reaches the cluster's client Service
 * @param sealedMasterKey the cluster's master key sealed with the shared key-encryption key (see
 *     {@link io.dbaas.contracts.security.MasterKeyCipher}); the master key never travels in clear
 * @param nodesReady number of ready nodes
 * @param upstreamCaCertificate the PEM certificate of the CA the cluster's HTTPS server certificate chains to, when
 *     {@code internal_address} is {@code https} (Elasticsearch); public material, no secret
 * @param authenticationTag proves that Nebula sent this event and that nothing in it changed on the way (see
 *     {@link io.dbaas.contracts.security.EventAuthentication}); an event without a valid one is refused
 */
@JsonTypeName(ClusterProvisioned.NAME)
public record ClusterProvisioned(
        UUID id,
        Instant createdAt,
        MessageMetadata metadata,
        UUID clusterId,
        Engine engine,
        String clusterEndpoint,
        ServiceAddress internalAddress,
        String sealedMasterKey,
        int nodesReady,
        @Nullable String upstreamCaCertificate,
        @Nullable String authenticationTag)
        implements ClusterEvent {

    public static final String NAME = "ClusterProvisioned";
    public static final String SCHEMA_ID = "dbaas.event.cluster-provisioned.v1";

    public ClusterProvisioned {
        Envelope.requireComplete(id, createdAt, metadata, clusterId);
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(clusterEndpoint, "cluster_endpoint");
        Objects.requireNonNull(internalAddress, "internal_address");
        Objects.requireNonNull(sealedMasterKey, "sealed_master_key");
    }

    /** The event before it is signed. */
    public ClusterProvisioned(
            UUID id,
            Instant createdAt,
            MessageMetadata metadata,
            UUID clusterId,
            Engine engine,
            String clusterEndpoint,
            ServiceAddress internalAddress,
            String sealedMasterKey,
            int nodesReady,
            @Nullable String upstreamCaCertificate) {
        this(
                id,
                createdAt,
                metadata,
                clusterId,
                engine,
                clusterEndpoint,
                internalAddress,
                sealedMasterKey,
                nodesReady,
                upstreamCaCertificate,
                null);
    }

    public ClusterProvisioned withAuthenticationTag(String tag) {
        return new ClusterProvisioned(
                id,
                createdAt,
                metadata,
                clusterId,
                engine,
                clusterEndpoint,
                internalAddress,
                sealedMasterKey,
                nodesReady,
                upstreamCaCertificate,
                tag);
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
        return "ClusterProvisioned[id=%s, clusterId=%s, engine=%s, clusterEndpoint=%s, internalAddress=%s, nodesReady=%d]"
                .formatted(id, clusterId, engine, clusterEndpoint, internalAddress, nodesReady);
    }
}
