package io.dbaas.orion.apikey;

import java.time.Instant;
import java.util.UUID;

/** A new API key: the only moment the key is ever shown. */
public record IssuedApiKey(UUID clusterId, String key, Instant createdAt) {

    @Override
    public String toString() {
        return "IssuedApiKey[clusterId=" + clusterId + ", createdAt=" + createdAt + "]";
    }
}
