package io.dbaas.nebula.kubernetes.model;

/** The specs cannot be turned into valid objects; the message says why in plain words. */
public class InvalidClusterSpecsException extends RuntimeException {

    public InvalidClusterSpecsException(String message) {
        super(message);
    }
}
