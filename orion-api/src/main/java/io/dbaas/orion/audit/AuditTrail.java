package io.dbaas.orion.audit;

import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** Writes the one event of each change request: accepted inside the change's transaction, refused in its own. */
@Component
class AuditTrail {

    private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);

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

    /**
     * In a transaction of its own: the refused change's transaction, if any, has rolled back. When PostgreSQL cannot
     * take the event (it went away during the request), the refusal is still answered and the lost event is logged:
     * nothing was changed, and a refusal is no reason to fail the answer.
     */
    public void refused(ChangeUnderAudit change, int status, String problemType) {
        if (change.settled()) {
            return;
        }
        change.settle();
        AuditEvent event = change.refused(status, problemType);
        try {
            ownTransaction.executeWithoutResult(transaction -> events.append(event));
        } catch (DataAccessException | TransactionException e) {
            log.warn(
                    "Could not record refused {} ({} {}) by credential {}: {}",
                    event.action(),
                    status,
                    problemType,
                    event.actorCredentialId(),
                    e.getClass().getSimpleName());
        }
    }
}
