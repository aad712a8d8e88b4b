package io.dbaas.orion.cluster;

import io.dbaas.orion.shared.FieldViolation;
import java.util.List;

/** A field of a change is malformed, out of bounds or not offered; nothing was stored or published. */
public class InvalidChangeException extends RuntimeException {

    private final List<FieldViolation> violations;

    public InvalidChangeException(List<FieldViolation> violations) {
        super("invalid change: " + violations);
        this.violations = List.copyOf(violations);
    }

    public List<FieldViolation> violations() {
        return violations;
    }
}
