package io.dbaas.orion.apikey;

/** A new API key: its record, and the key itself, shown this once and kept nowhere. */
public record IssuedApiKey(ApiKey record, String key) {

    @Override
    public String toString() {
        return "IssuedApiKey[keyId=" + record.keyId() + "]";
    }
}
