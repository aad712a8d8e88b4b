package io.dbaas.contracts;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** The database engines the control plane runs. */
public enum Engine {
    QDRANT("qdrant"),
    ELASTICSEARCH("elasticsearch");

    private final String id;

    Engine(String id) {
        this.id = id;
    }

    /** The lower-case name used on the wire and in the REST API. */
    @JsonValue
    public String id() {
        return id;
    }

    public static Optional<Engine> fromId(String id) {
        return Arrays.stream(values()).filter(engine -> engine.id.equals(id)).findFirst();
    }
}
