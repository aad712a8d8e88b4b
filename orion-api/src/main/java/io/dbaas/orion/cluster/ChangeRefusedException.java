package io.dbaas.orion.cluster;

import io.dbaas.orion.shared.FieldViolation;
import java.util.List;

/**
 * A well-formed change that cannot be made to this cluster: a downgrade, an upgrade the engine does not support in one
 * step, a smaller disk, a version together with a new size, or nothing to change. Nothing was stored or published.
 */
public class ChangeRefusedException extends RuntimeException {

    private final String detail;
    private final List<FieldViolation> violations;

    public ChangeRefusedException(String detail, List<FieldViolation> violations) {
        super("change refused: " + detail + " " + violations);
        this.detail = detail;
        this.violations = List.copyOf(violations);
    }

    public String detail() {
        return detail;
    }

    public List<FieldViolation> violations() {
        return violations;
    }
}
