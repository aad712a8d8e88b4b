package io.dbaas.orion.operation;

import java.util.UUID;

/** No operation with that id is visible to the caller. */
public class OperationNotFoundException extends RuntimeException {

    public OperationNotFoundException(UUID id) {
        super("operation " + id + " not found");
    }
}
