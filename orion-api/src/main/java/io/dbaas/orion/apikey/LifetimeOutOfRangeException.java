package io.dbaas.orion.apikey;

import io.dbaas.orion.shared.FieldViolation;

/**
 * A well-formed expiry that Orion does not accept: in the past, or further ahead than the configured bound. Nothing
 * was created.
 */
public class LifetimeOutOfRangeException extends RuntimeException {

    private final FieldViolation violation;

    public LifetimeOutOfRangeException(String field, String detail) {
        super(field + " " + detail);
        this.violation = new FieldViolation(field, detail);
    }

    public FieldViolation violation() {
        return violation;
    }
}
