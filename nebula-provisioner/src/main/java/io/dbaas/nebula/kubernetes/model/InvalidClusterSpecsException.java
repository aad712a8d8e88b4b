package io.dbaas.nebula.kubernetes.model;

import java.util.Objects;

/** The specs cannot be turned into valid objects; the message says why in plain words. */
public class InvalidClusterSpecsException extends RuntimeException {

    public InvalidClusterSpecsException(String message) {
        super(message);
    }

    /** Never null: the only constructor takes it. */
    @Override
    public String getMessage() {
        return Objects.requireNonNull(super.getMessage());
    }
}
