package io.dbaas.nebula.kubernetes.apply;

/**
 * A change of a field the API server does not let anyone update, which recreating the object cannot make either. Nebula
 * sends nothing for it; the message says why and what to do instead.
 */
public class ImmutableFieldChangeException extends RuntimeException {

    public ImmutableFieldChangeException(String reason) {
        super(reason);
    }
}
