package io.dbaas.orion.shared;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a handler method that changes state: every call that passes authentication leaves one audit event. The method
 * runs in a transaction that also writes the accepted event, so a change is never committed without its record; a
 * refusal (a 4xx) is recorded in a transaction of its own. Every state-changing handler must carry it (a test fails
 * otherwise). It lives in the kernel, not in the audit module, so that a feature marking its handlers does not
 * depend on audit, which reads who is calling from accounts.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Audited {

    /** What was done, {@code <resource>.<verb>}: {@code cluster.claim}, {@code api-key.revoke}, … */
    String action();

    /** The kind of resource acted on: {@code cluster}, {@code api-key}, {@code credential}, … */
    String resourceType();

    /**
     * The resource's id, as a template of the request's path variables ({@code {id}}, {@code {provider}/{region}});
     * empty for a creation, whose id is the last segment of the answer's {@code Location} (none when it was refused).
     */
    String resourceId() default "";
}
