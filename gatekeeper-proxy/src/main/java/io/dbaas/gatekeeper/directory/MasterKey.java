package io.dbaas.gatekeeper.directory;

import io.dbaas.contracts.security.DerivedApiKeys;
import java.util.Objects;

/**
 * A cluster's master key, opened in memory. A class rather than a string so that it cannot end up in a log line, an
 * exception or an error body by accident: {@link #toString()} never shows it.
 */
public final class MasterKey {

    private final String value;

    public MasterKey(String value) {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a master key must not be blank");
        }
        this.value = value;
    }

    /** Whether {@code presentedApiKey} was derived from this master key; constant time for keys of the right shape. */
    public boolean accepts(String presentedApiKey) {
        return DerivedApiKeys.matches(value, presentedApiKey);
    }

    /** The value to send to the cluster itself, and nowhere else. */
    public String upstreamCredential() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MasterKey that && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "MasterKey[redacted]";
    }
}
