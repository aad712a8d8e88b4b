package io.dbaas.orion.backup;

import io.dbaas.orion.shared.FieldViolation;
import java.util.List;

/** A listing's parameters are out of bounds or not Orion's. */
public class InvalidBackupQueryException extends RuntimeException {

    private final List<FieldViolation> violations;

    public InvalidBackupQueryException(List<FieldViolation> violations) {
        super("invalid backup query");
        this.violations = List.copyOf(violations);
    }

    public List<FieldViolation> violations() {
        return violations;
    }
}
