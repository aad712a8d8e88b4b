package io.dbaas.orion.idempotency;

/** The key was used before, within its retention, for a different request. */
public class IdempotencyKeyReusedException extends RuntimeException {

    public IdempotencyKeyReusedException() {
        super("This Idempotency-Key was used for a different request; use a new key for a new request.");
    }
}
