package io.dbaas.orion.apikey.web;

import io.dbaas.orion.apikey.IssuedClusterToken;
import java.time.Instant;
import java.util.UUID;

/** A token just issued: its id ({@code jti}), what it grants until when, and the token, shown this once. */
record ClusterTokenResponse(
        UUID id, UUID clusterId, String scope, Instant issuedAt, Instant expiresAt, String tokenType, String token) {

    static final String BEARER = "Bearer";

    static ClusterTokenResponse of(IssuedClusterToken issued) {
        return new ClusterTokenResponse(
                issued.tokenId(),
                issued.clusterId(),
                issued.scope().id(),
                issued.issuedAt(),
                issued.expiresAt(),
                BEARER,
                issued.token());
    }

    @Override
    public String toString() {
        return "ClusterTokenResponse[id=" + id + ", clusterId=" + clusterId + "]";
    }
}
