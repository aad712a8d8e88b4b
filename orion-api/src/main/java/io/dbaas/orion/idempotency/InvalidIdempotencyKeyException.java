package io.dbaas.orion.idempotency;

/** The {@code Idempotency-Key} header is not 1 to 255 visible ASCII characters. */
public class InvalidIdempotencyKeyException extends RuntimeException {

    public InvalidIdempotencyKeyException() {
        super("must be 1 to 255 visible ASCII characters, such as a UUID");
    }
}
