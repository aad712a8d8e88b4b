package io.dbaas.orion.audit;

import io.dbaas.orion.shared.Audited;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.Optional;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs an {@link Audited} handler in one transaction with its accepted event. The services it calls join that
 * transaction, so the change and its record commit together or not at all; whatever it throws rolls both back and is
 * recorded as refused afterwards (by {@link AuditInterceptor} or {@link RefusedChanges}), if it was a refusal.
 *
 * <p>A handler is the one place that knows the change's answer (status, the {@code Location} of what it created), and
 * the one place every change goes through: one wrapper here instead of a call in every service.
 */
final class AcceptedChanges implements MethodInterceptor {

    /** A repeat of an earlier request that gets its answer again changes nothing (see ClusterController). */
    private static final String REPLAYED = "Idempotent-Replayed";

    private final ObjectProvider<PlatformTransactionManager> transactionManager;
    private final ObjectProvider<AuditTrail> trail;

    // Looked up when first needed: an advisor is created before most beans, and must not pull them in early.
    AcceptedChanges(ObjectProvider<PlatformTransactionManager> transactionManager, ObjectProvider<AuditTrail> trail) {
        this.transactionManager = transactionManager;
        this.trail = trail;
    }

    // MethodInterceptor.invoke returns @Nullable (a void method's answer); NullAway does not read that type-use
    // annotation from spring-aop's class files and takes the override for a weaker contract.
    @SuppressWarnings("NullAway")
    @Override
    public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
        Optional<ChangeUnderAudit> change = ChangeUnderAudit.current().filter(found -> !found.settled());
        if (change.isEmpty()) {
            return invocation.proceed();
        }
        Object answer = new TransactionTemplate(transactionManager.getObject()).execute(transaction -> {
            Object result = proceed(invocation);
            record(change.get(), result);
            return result;
        });
        change.get().settle();
        return answer;
    }

    private void record(ChangeUnderAudit change, @Nullable Object result) {
        if (result instanceof ResponseEntity<?> entity) {
            if (Boolean.parseBoolean(entity.getHeaders().getFirst(REPLAYED))) {
                return;
            }
            trail.getObject()
                    .accepted(
                            change,
                            entity.getStatusCode().value(),
                            entity.getHeaders().getLocation());
        } else {
            trail.getObject().accepted(change, 200, null);
        }
    }

    private static @Nullable Object proceed(MethodInvocation invocation) {
        try {
            return invocation.proceed();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new UndeclaredThrowableException(e);
        }
    }
}
