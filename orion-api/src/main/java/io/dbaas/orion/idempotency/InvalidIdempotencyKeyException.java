package io.dbaas.orion.idempotency;

/** The {@code Idempotency-Key} header is not 1 to 255 visible ASCII characters. */
public class InvalidIdempotencyKeyException extends RuntimeException {

    public InvalidIdempotencyKeyException() {
        super(RULE);
    }

    private static final String RULE = "must be 1 to 255 visible ASCII characters, such as a UUID";

    /** What a key must look like; the exception's message. */
    public String rule() {
        return RULE;
    }
}
