package io.dbaas.orion.operation;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads operations for clients. */
@Service
public class OperationQueries {

    private final Operations operations;

    OperationQueries(Operations operations) {
        this.operations = operations;
    }

    /**
     * The operation, if it belongs to the account. Another account's operation is not found, exactly like a missing
     * one.
     */
    @Transactional(readOnly = true)
    public Operation find(UUID accountId, UUID id) {
        return operations.findByIdAndAccountId(id, accountId).orElseThrow(() -> new OperationNotFoundException(id));
    }

    /** Every operation of the cluster, newest first; the caller checked that the cluster is the account's. */
    @Transactional(readOnly = true)
    public List<Operation> ofCluster(UUID clusterId) {
        return operations.findByClusterIdOrderByCreatedAtDescIdDesc(clusterId);
    }

    @Transactional(readOnly = true)
    public Optional<Operation> inProgressOf(UUID clusterId) {
        return operations.inProgressOf(clusterId);
    }
}
