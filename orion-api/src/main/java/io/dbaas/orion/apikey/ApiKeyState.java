package io.dbaas.orion.apikey;

import java.util.Locale;

/** Whether a key still opens its cluster. */
public enum ApiKeyState {
    /** Opens the cluster, within its scope. */
    ACTIVE,
    /** Its expiry has passed; it opens nothing. */
    EXPIRED,
    /** Revoked; it opens nothing. */
    REVOKED;

    /** The name clients read: {@code active}, {@code expired}, {@code revoked}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
