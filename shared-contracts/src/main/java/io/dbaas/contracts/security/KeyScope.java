package io.dbaas.contracts.security;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** What a credential of a cluster may do: everything the API allows, or only read. */
public enum KeyScope {
    READ_WRITE("read-write", 'w'),
    READ_ONLY("read-only", 'r');

    private final String id;
    private final char code;

    KeyScope(String id, char code) {
        this.id = id;
        this.code = code;
    }

    /** The name used in the REST API, in events and in token claims. */
    @JsonValue
    public String id() {
        return id;
    }

    /** The one-byte code inside an API key. */
    byte code() {
        return (byte) code;
    }

    public static Optional<KeyScope> fromId(String id) {
        return Arrays.stream(values()).filter(scope -> scope.id.equals(id)).findFirst();
    }

    static Optional<KeyScope> fromCode(byte code) {
        return Arrays.stream(values()).filter(scope -> scope.code == code).findFirst();
    }
}
