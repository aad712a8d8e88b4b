package io.dbaas.contracts.access;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dbaas.contracts.Envelope;
import io.dbaas.contracts.MessageMetadata;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An API key of the cluster was revoked: from now on it opens nothing.
 *
 * @param keyId the key's id (see {@link io.dbaas.contracts.security.ApiKeys}); never the key itself
 * @param expiresAt when the key would have expired anyway, so that a consumer may forget the revocation after it
 */
@JsonTypeName(ApiKeyRevoked.NAME)
public record ApiKeyRevoked(
        UUID id,
        Instant createdAt,
        MessageMetadata metadata,
        UUID clusterId,
        String keyId,
        @Nullable Instant expiresAt) implements AccessEvent {

    public static final String NAME = "ApiKeyRevoked";
    public static final String SCHEMA_ID = "dbaas.event.api-key-revoked.v1";

    public ApiKeyRevoked {
        Envelope.requireComplete(id, createdAt, metadata, clusterId);
        Objects.requireNonNull(keyId, "key_id");
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
