package io.dbaas.orion.cluster;

import io.dbaas.orion.shared.FieldViolation;
import java.util.List;

/** A filter or paging parameter of a cluster list is wrong. */
public class InvalidClusterQueryException extends RuntimeException {

    private final List<FieldViolation> violations;

    public InvalidClusterQueryException(List<FieldViolation> violations) {
        super("invalid query: " + violations);
        this.violations = List.copyOf(violations);
    }

    public List<FieldViolation> violations() {
        return violations;
    }
}
