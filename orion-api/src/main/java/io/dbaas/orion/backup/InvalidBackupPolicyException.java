package io.dbaas.orion.backup;

import io.dbaas.orion.shared.FieldViolation;
import java.util.List;

/** A policy outside what the platform allows; nothing was changed. */
public class InvalidBackupPolicyException extends RuntimeException {

    private final List<FieldViolation> violations;

    public InvalidBackupPolicyException(List<FieldViolation> violations) {
        super("invalid backup policy");
        this.violations = List.copyOf(violations);
    }

    public List<FieldViolation> violations() {
        return violations;
    }
}
