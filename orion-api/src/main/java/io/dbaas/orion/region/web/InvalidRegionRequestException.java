package io.dbaas.orion.region.web;

import io.dbaas.orion.shared.FieldViolation;
import java.util.List;

/** A region request names or describes the region wrongly; nothing was changed. */
class InvalidRegionRequestException extends RuntimeException {

    private final List<FieldViolation> violations;

    InvalidRegionRequestException(List<FieldViolation> violations) {
        super("invalid region request: " + violations);
        this.violations = List.copyOf(violations);
    }

    List<FieldViolation> violations() {
        return violations;
    }
}
