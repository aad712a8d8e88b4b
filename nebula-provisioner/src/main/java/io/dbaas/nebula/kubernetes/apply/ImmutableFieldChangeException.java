package io.dbaas.nebula.kubernetes.apply;

import java.util.Objects;

/**
 * A change of a field the API server does not let anyone update, which recreating the object cannot make either. Nebula
 * sends nothing for it; the message says why and what to do instead.
 */
public class ImmutableFieldChangeException extends RuntimeException {

    public ImmutableFieldChangeException(String reason) {
        super(reason);
    }

    /** Never null: the only constructor takes it. */
    @Override
    public String getMessage() {
        return Objects.requireNonNull(super.getMessage());
    }
}
