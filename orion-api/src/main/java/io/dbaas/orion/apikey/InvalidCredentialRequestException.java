package io.dbaas.orion.apikey;

import io.dbaas.orion.shared.FieldViolation;
import java.util.List;

/** A request for an API key or a token lacks a field or has one that is not a valid value; nothing was created. */
public class InvalidCredentialRequestException extends RuntimeException {

    private final List<FieldViolation> violations;

    public InvalidCredentialRequestException(List<FieldViolation> violations) {
        super(violations.stream().map(FieldViolation::field).toList() + " invalid");
        this.violations = List.copyOf(violations);
    }

    public List<FieldViolation> violations() {
        return violations;
    }
}
