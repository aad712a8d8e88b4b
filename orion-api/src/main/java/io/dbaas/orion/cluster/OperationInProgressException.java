package io.dbaas.orion.cluster;

import io.dbaas.orion.operation.Operation;
import java.util.Locale;
import java.util.UUID;

/** The cluster has an operation under way; a change or deletion waits until it is done. Nothing was changed. */
public class OperationInProgressException extends RuntimeException {

    private final UUID operationId;

    public OperationInProgressException(UUID clusterId, Operation operation) {
        super("cluster %s has operation %s (%s, %s) under way; try again once it is done"
                .formatted(
                        clusterId,
                        operation.id(),
                        operation.kind().name().toLowerCase(Locale.ROOT),
                        operation.state().name().toLowerCase(Locale.ROOT)));
        this.operationId = operation.id();
    }

    public UUID operationId() {
        return operationId;
    }
}
