package io.dbaas.orion.audit;

import java.util.Locale;

/** Whether the change was made, or refused with a problem. */
public enum AuditOutcome {
    ACCEPTED,
    REFUSED;

    /** The name clients read and filter by: {@code accepted}, {@code refused}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
