package io.dbaas.orion.cluster;

import io.dbaas.orion.shared.FieldViolation;
import java.util.List;

/** The claim was refused; nothing was stored or published. */
public class InvalidClaimException extends RuntimeException {

    private final List<FieldViolation> violations;

    public InvalidClaimException(List<FieldViolation> violations) {
        super("invalid claim: " + violations);
        this.violations = List.copyOf(violations);
    }

    public List<FieldViolation> violations() {
        return violations;
    }
}
