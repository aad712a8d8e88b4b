package io.dbaas.orion.audit;

import io.dbaas.orion.shared.FieldViolation;
import java.util.List;

/** A filter or paging parameter of an audit list is wrong. */
public class InvalidAuditQueryException extends RuntimeException {

    private final List<FieldViolation> violations;

    InvalidAuditQueryException(List<FieldViolation> violations) {
        super("invalid audit query: " + violations);
        this.violations = List.copyOf(violations);
    }

    public List<FieldViolation> violations() {
        return violations;
    }
}
