package io.dbaas.orion.audit;

import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** Writes the one event of each change request: accepted inside the change's transaction, refused in its own. */
@Component
class AuditTrail {

    private final AuditEvents events;
    private final TransactionTemplate ownTransaction;

    AuditTrail(AuditEvents events, PlatformTransactionManager transactions) {
        this.events = events;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * In the change's transaction: if the change commits, so does its event, and the other way round. The caller
     * settles the change once the transaction has committed.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void accepted(ChangeUnderAudit change, int status, @Nullable URI location) {
        events.append(change.accepted(status, location));
    }

    /** In a transaction of its own: the refused change's transaction, if any, has rolled back. */
    public void refused(ChangeUnderAudit change, int status, String problemType) {
        if (change.settled()) {
            return;
        }
        ownTransaction.executeWithoutResult(transaction -> events.append(change.refused(status, problemType)));
        change.settle();
    }
}
