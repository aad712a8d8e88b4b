package io.dbaas.orion.apikey;

import java.util.UUID;

/**
 * No such key for this cluster of the caller's account: a key of another cluster or account is not found either. The
 * id asked for is not repeated: a client may have put a whole key where its id belongs.
 */
public class ApiKeyNotFoundException extends RuntimeException {

    private final UUID clusterId;

    public ApiKeyNotFoundException(UUID clusterId) {
        super("cluster " + clusterId + " has no API key with that id");
        this.clusterId = clusterId;
    }

    public UUID clusterId() {
        return clusterId;
    }
}
